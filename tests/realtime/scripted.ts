import { vi } from 'vitest';
import {
  createRealtimeClient,
  quietSignals,
  type FetchLike,
  type RealtimeEvent,
  type RealtimeOptions,
  type WebSocketLike,
} from '../../src/realtime';

/**
 * A client whose server is the test itself: every frame and HTTP answer is written by hand, so a
 * test can send what no well-behaved backend would (a welcome with a 3e9 ms beat, data before the
 * welcome, a body that never ends). Fake timers, like the mock-backend harness.
 */

/** A WebSocket the test drives: `open()`, `receive(frame)`, and what the client `sent`. */
export class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  readonly sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.readyState = 3;
    this.closedWith = { code, reason };
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The server ends the line (1006: no close frame). */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }

  /** Client frames of one type, parsed. */
  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .filter((message) => message.type === type);
  }
}

export type Route = (url: URL) => Response | Promise<Response>;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

export const EPOCH = 'e_1';

/** What a server answers when a test does not say otherwise. */
const DEFAULT_ROUTES: Record<string, Route> = {
  '/api/session/start': () => json(201, { sessionId: 's_1', ttlMs: 3_600_000 }),
  '/api/snapshot': () => json(200, { epoch: EPOCH, seq: 0, samples: [], alerts: [] }),
  '/api/send': () => new Response(null, { status: 202 }),
  '/api/poll': () => json(200, { epoch: EPOCH, messages: [] }),
};

export type Scripted = ReturnType<typeof scriptedClient>;

export function scriptedClient(
  options: { routes?: Record<string, Route>; client?: Partial<RealtimeOptions> } = {},
) {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  const routes = { ...DEFAULT_ROUTES, ...options.routes };
  const calls: string[] = [];
  const sockets: ScriptedSocket[] = [];
  // Honours the signal as a real fetch does, so an answer that never comes cannot outlive a test.
  const fetch: FetchLike = (url, init) => {
    const path = new URL(url).pathname;
    calls.push(path);
    const route = routes[path];
    if (!route) return Promise.resolve(json(404, { error: 'not_found' }));
    return new Promise((resolve, reject) => {
      const signal = init?.signal;
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      Promise.resolve(route(new URL(url))).then(resolve, reject);
    });
  };
  const client = createRealtimeClient({
    baseUrl: 'http://127.0.0.1:9',
    ...options.client,
    env: {
      createWebSocket: () => {
        const socket = new ScriptedSocket();
        sockets.push(socket);
        return socket;
      },
      fetch,
      random: () => 0.5,
      signals: quietSignals,
      // Frames near the cap are parsed a task later: a fake timer, so `advance` runs them.
      nextTask: (task) => setTimeout(task, 0),
    },
  });
  const events: RealtimeEvent[] = [];
  client.listen((event) => events.push(event));
  client.start();

  const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
  return {
    client,
    events,
    sockets,
    advance,
    /** Paths of the HTTP calls made, in order. */
    calls,
    callsTo: (path: string) => calls.filter((p) => p === path).length,
    socket: () => sockets[sockets.length - 1]!,
    errors: () => client.getSnapshot().errors,
    errorEvents: (kind: string) =>
      events.flatMap((e) => (e.type === 'error' && e.kind === kind ? [e.detail] : [])),
    seqs: () => events.flatMap((e) => (e.type === 'message' ? [e.message.seq] : [])),
    messages: () => events.flatMap((e) => (e.type === 'message' ? [e.message] : [])),
    /** Session, socket, hello, `welcome` (with `welcome` fields over the defaults), snapshot. */
    async goLive(welcome: Record<string, unknown> = {}) {
      await advance(0);
      const socket = sockets[sockets.length - 1]!;
      socket.open();
      socket.receive({
        type: 'welcome',
        sessionId: 's_1',
        epoch: EPOCH,
        seq: 0,
        resumed: false,
        ...welcome,
      });
      await advance(0);
      return socket;
    },
    close() {
      client.dispose();
      vi.useRealTimers();
    },
  };
}
