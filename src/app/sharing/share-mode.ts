/**
 * How the tabs of one browser share a backend connection. `auto` picks the best the browser
 * has: a SharedWorker, else a leader tab elected with Web Locks relaying over BroadcastChannel,
 * else each tab its own (as does `?share=off`).
 */
export type ShareChoice = 'auto' | 'off';
export type ShareRoute = 'shared-worker' | 'web-locks' | 'tab';

/** `?share=off` forces one connection per tab; anything else (or nothing) is `auto`. */
export function shareChoiceFrom(search: string): ShareChoice {
  return new URLSearchParams(search).get('share') === 'off' ? 'off' : 'auto';
}

/** What this browser offers, read once (injected in tests). */
export type ShareCapabilities = {
  sharedWorker: boolean;
  locks: boolean;
  broadcastChannel: boolean;
};

export function browserCapabilities(scope: typeof globalThis = globalThis): ShareCapabilities {
  return {
    sharedWorker: typeof scope.SharedWorker === 'function',
    locks: typeof scope.navigator?.locks?.request === 'function',
    broadcastChannel: typeof scope.BroadcastChannel === 'function',
  };
}

export function chooseShareRoute(choice: ShareChoice, can: ShareCapabilities): ShareRoute {
  if (choice === 'off') return 'tab';
  if (can.sharedWorker) return 'shared-worker';
  if (can.locks && can.broadcastChannel) return 'web-locks';
  return 'tab';
}

/** One name per backend: tabs on different backends never share an engine. */
export function shareName(baseUrl: string): string {
  return `pulseboard-realtime:${baseUrl}`;
}
