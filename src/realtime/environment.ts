/**
 * Everything the client needs from the outside world, injected so tests are deterministic and
 * the engine runs unchanged in a page or a Web Worker. Nothing here touches `window` or the DOM:
 * browser signals (online, visibility) are wired by the app layer and passed in.
 */

/** The part of the WebSocket API the client uses. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket; may throw (no WebSocket in this context, a CSP refusal, a bad URL). */
export type WebSocketFactory = (url: string) => WebSocketLike;

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Browser conditions the client reacts to. Each `on…` returns its unsubscribe. */
export interface Signals {
  isOnline(): boolean;
  onOnlineChange(listener: (online: boolean) => void): () => void;
  /** Called when the page becomes visible again after being hidden. */
  onVisible(listener: () => void): () => void;
}

/** Runs `callback` soon, in a task of its own (not a microtask: the browser may run others first). */
export type NextTask = (callback: () => void) => void;

export interface Environment {
  createWebSocket: WebSocketFactory;
  fetch: FetchLike;
  clock: Clock;
  random: () => number;
  signals: Signals;
  nextTask: NextTask;
}

// Globals are looked up at call time, not import time, so fake timers and mocks installed after
// this module loads (vitest, MSW's interceptor) still take effect.
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const globalWebSocket: WebSocketFactory = (url) => {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (!Ctor) throw new Error('WebSocket is not available in this context');
  return new Ctor(url);
};

/**
 * A message on a fresh channel: unlike a 0 ms timer it is neither clamped after nesting nor
 * throttled in a hidden tab, and a channel used once and closed keeps no process alive. It hops
 * twice: Chromium queues a timer that fell due during a long task only when that task ends, after
 * a message posted within it, and the task being yielded for should not go ahead of it.
 */
export const messageChannelTask: NextTask = (callback) => {
  if (typeof MessageChannel !== 'function') {
    globalThis.setTimeout(callback, 0);
    return;
  }
  const channel = new MessageChannel();
  let hops = 0;
  channel.port1.onmessage = () => {
    if (++hops < 2) return channel.port2.postMessage(null);
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(null);
};

export const globalFetch: FetchLike = (url, init) => globalThis.fetch(url, init);

/** Signals for a context with no browser events: always online, never hidden. */
export const quietSignals: Signals = {
  isOnline: () => true,
  onOnlineChange: () => () => {},
  onVisible: () => () => {},
};

/** The real world (global WebSocket, fetch, timers, Math.random, no browser signals), with `overrides`. */
export function realtimeEnvironment(overrides: Partial<Environment> = {}): Environment {
  return {
    createWebSocket: globalWebSocket,
    fetch: globalFetch,
    clock: systemClock,
    random: Math.random,
    signals: quietSignals,
    nextTask: messageChannelTask,
    ...overrides,
  };
}
