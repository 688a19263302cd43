import type { CDPSession } from 'playwright-core';

/**
 * The JS heaps of a page's dedicated workers. CDP `Performance.getMetrics` on a page reports its
 * main thread's heap only, and Playwright gives no CDP session for a worker; so the page's session
 * auto-attaches to its workers (unflattened: commands go in `Target.sendMessageToTarget`, answers
 * come back in `Target.receivedMessageFromTarget`), and each worker is asked for its heap directly.
 */
export type WorkerHeaps = {
  /** Workers attached so far (a page with the engine on its main thread has none). */
  count(): number;
  /** Sum of the workers' used JS heap in MB, after full GCs when `collect`; null: no worker. */
  usedMB(collect: boolean): Promise<number | null>;
  /** Sends one CDP command to every attached worker; the answers' results, in attach order. */
  sendAll(method: string, params?: Record<string, unknown>): Promise<unknown[]>;
  detach(): Promise<void>;
};

type Reply = { id?: number; result?: unknown; error?: { message?: string } };

/** A busy worker answers between tasks; one that never does is a finding, not a hang. */
const ANSWER_TIMEOUT_MS = 30_000;

export async function attachWorkerHeaps(cdp: CDPSession): Promise<WorkerHeaps> {
  const sessions = new Set<string>();
  const waiting = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  let nextId = 1;

  const onAttached = (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type === 'worker') sessions.add(event.sessionId);
  };
  const onDetached = (event: { sessionId: string }) => sessions.delete(event.sessionId);
  const onMessage = (event: { sessionId: string; message: string }) => {
    let reply: Reply;
    try {
      reply = JSON.parse(event.message) as Reply;
    } catch {
      return;
    }
    if (reply.id === undefined) return; // an event, not an answer
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    pending?.resolve(reply);
  };
  cdp.on('Target.attachedToTarget', onAttached);
  cdp.on('Target.detachedFromTarget', onDetached);
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  // Attaches to the workers that exist already and to any started later.
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });

  const ask = (
    sessionId: string,
    method: string,
    params?: Record<string, unknown>,
  ): Promise<Reply> => {
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`worker did not answer ${method} in ${ANSWER_TIMEOUT_MS} ms`));
      }, ANSWER_TIMEOUT_MS);
      waiting.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject,
      });
      cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, ...(params ? { params } : {}) }),
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          waiting.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  };

  return {
    count: () => sessions.size,
    async usedMB(collect) {
      if (sessions.size === 0) return null;
      let bytes = 0;
      for (const sessionId of sessions) {
        if (collect) {
          await ask(sessionId, 'HeapProfiler.collectGarbage');
          await ask(sessionId, 'HeapProfiler.collectGarbage');
        }
        const reply = await ask(sessionId, 'Runtime.getHeapUsage');
        const used = (reply.result as { usedSize?: number } | undefined)?.usedSize;
        if (used === undefined) throw new Error(reply.error?.message ?? 'no heap usage');
        bytes += used;
      }
      return bytes / 1024 / 1024;
    },
    async sendAll(method, params) {
      const results: unknown[] = [];
      for (const sessionId of sessions) {
        const reply = await ask(sessionId, method, params);
        if (reply.error) throw new Error(`${method}: ${reply.error.message ?? 'failed'}`);
        results.push(reply.result);
      }
      return results;
    },
    async detach() {
      cdp.off('Target.attachedToTarget', onAttached);
      cdp.off('Target.detachedFromTarget', onDetached);
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      for (const pending of waiting.values()) pending.reject(new Error('detached'));
      waiting.clear();
      await cdp
        .send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false })
        .catch(() => {});
    },
  };
}
