import type { Page } from 'playwright-core';
import type { MockBackend } from '../../../backend/mock-backend';
import type { BackendStats } from '../../../backend/mock-backend';

/**
 * The server's side of a close-code test: when each WebSocket arrived and was welcomed (on this
 * process's clock, so a gap can be measured against the moment a close was fired), the control
 * endpoint over real HTTP, and a record of every text the page showed about the connection.
 */

export type LineWatch = {
  /** When each connection was accepted, in order (ms since the epoch). */
  readonly accepted: readonly number[];
  /** When each `welcome` went out, in order. */
  readonly welcomed: readonly number[];
  /** Connections that had been welcomed when the server dropped them without a close frame. */
  readonly droppedLive: number;
  /** Resolves with the time the `n`th connection (1-based) was accepted. */
  accept(n: number, timeoutMs?: number): Promise<number>;
  /** Resolves with the time the `n`th welcome went out. */
  welcome(n: number, timeoutMs?: number): Promise<number>;
  /** Resolves when no connection beyond the `n`th arrived within `ms`; rejects at once if one does. */
  noneAfter(n: number, ms: number): Promise<void>;
};

/**
 * Watches every WebSocket the backend accepts from now on. The reference server runs in this
 * process, so the watch wraps the backend's `accept` and the peer it is given: nothing in the
 * server changes, and times are exact rather than sampled.
 */
export function watchLines(backend: MockBackend): LineWatch {
  const accepted: number[] = [];
  const welcomed: number[] = [];
  let droppedLive = 0;
  const waiters = new Set<() => void>();
  const changed = () => [...waiters].forEach((check) => check());

  const accept = backend.accept.bind(backend);
  backend.accept = (peer) => {
    let live = false;
    const handle = accept({
      send(text) {
        if (!live && text.startsWith('{"type":"welcome"')) {
          live = true;
          welcomed.push(Date.now());
          changed();
        }
        peer.send(text);
      },
      close: (code, reason) => peer.close(code, reason),
      drop() {
        if (live) droppedLive++;
        peer.drop();
      },
    });
    if (handle) {
      accepted.push(Date.now());
      changed();
    }
    return handle;
  };

  const nth =
    (list: number[], what: string) =>
    (n: number, timeoutMs = 15_000) =>
      new Promise<number>((resolve, reject) => {
        const check = () => {
          const at = list[n - 1];
          if (at === undefined) return;
          done();
          resolve(at);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Expected ${what} #${n} within ${timeoutMs} ms but saw ${list.length}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });

  return {
    accepted,
    welcomed,
    get droppedLive() {
      return droppedLive;
    },
    accept: nth(accepted, 'connection'),
    welcome: nth(welcomed, 'welcome'),
    noneAfter: (n, ms) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (accepted.length <= n) return;
          done();
          const late = (accepted[n] ?? 0) - started;
          reject(new Error(`Expected no connection after #${n} but #${n + 1} came ${late} ms in`));
        };
        const started = Date.now();
        const timer = setTimeout(() => {
          done();
          resolve();
        }, ms);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
  };
}

export type ControlState = {
  epoch: string;
  seq: number;
  connections: number;
  stats: BackendStats;
};

/** `GET /control/state` of a reference server: what a test with only its URL can see. */
export async function controlState(serverUrl: string): Promise<ControlState> {
  const response = await fetch(`${new URL(serverUrl).origin}/control/state`);
  if (response.status !== 200) throw new Error(`/control/state answered ${response.status}`);
  return (await response.json()) as ControlState;
}

/**
 * `POST /control/fault` (the control endpoint sits at the root whatever the prefix). Answers
 * the time just before the request left: a fault fired then cannot have reached the page any
 * earlier, so a gap measured from it never overstates the client's wait.
 */
export async function fireFault(serverUrl: string, fault: object): Promise<number> {
  const firedAt = Date.now();
  const response = await fetch(`${new URL(serverUrl).origin}/control/fault`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (response.status !== 200)
    throw new Error(`fault ${JSON.stringify(fault)} answered ${response.status}`);
  return firedAt;
}

/**
 * Records every text the badge shows (label and reason: "Connecting attempt 2") and the line
 * beside it ("next try in 5 s"), in order with repeats collapsed, and every retry delay the
 * client drew (its `nextRetryAt` less the time of the close, both on the engine's clock).
 * Install before the page loads (openDashboard's `beforeLoad`).
 */
export async function recordConnectionTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { badge: [] as string[], meta: [] as string[], drawn: [] as number[] };
    (window as unknown as { __connectionTexts: typeof seen }).__connectionTexts = seen;
    const note = (list: string[], selector: string) => {
      const text = document.querySelector(selector)?.textContent?.trim();
      if (text && list[list.length - 1] !== text) list.push(text);
    };
    new MutationObserver(() => {
      note(seen.badge, '[data-testid="connection-badge"]');
      note(seen.meta, '[data-testid="connection-meta"]');
    }).observe(document, { subtree: true, childList: true, characterData: true });
    type Connection = {
      state: string;
      nextRetryAt: number | null;
      lastClose: { at: number } | null;
    } | null;
    type Store = {
      getState(): { connection: Connection };
      subscribe(listener: (state: { connection: Connection }) => void): unknown;
    };
    // The store appears once main.tsx has run; every backoff it commits carries its delay.
    const hook = setInterval(() => {
      const store = (window as unknown as { __PULSEBOARD__?: { store: Store } }).__PULSEBOARD__
        ?.store;
      if (!store) return;
      clearInterval(hook);
      let last: number | null = null;
      const look = ({ connection: c }: { connection: Connection }) => {
        if (c?.state !== 'backoff' || c.nextRetryAt === null || !c.lastClose) return;
        if (c.nextRetryAt === last) return;
        last = c.nextRetryAt;
        seen.drawn.push(c.nextRetryAt - c.lastClose.at);
      };
      look(store.getState());
      store.subscribe(look);
    }, 5);
  });
}

export type ConnectionTexts = { badge: string[]; meta: string[]; drawn: number[] };

export function connectionTexts(page: Page): Promise<ConnectionTexts> {
  return page.evaluate(
    () => (window as unknown as { __connectionTexts: ConnectionTexts }).__connectionTexts,
  );
}
