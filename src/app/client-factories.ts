import type { MessagePortLike, RealtimeClient, RealtimeOptions, Signals } from '../realtime';
import { SharedRealtimeClient } from '../realtime/shared-client';
import type { HubPort } from '../realtime/shared-protocol';
import { WorkerRealtimeClient } from '../realtime/worker-client';
import type { WorkerEngineOptions } from '../realtime/worker-protocol';
import { browserSignals } from './browser-signals';
import type { ClientTiming } from './config';
import { leaveOnPagehide } from './sharing/leave-on-pagehide';
import { lockLeaderClient, type ChannelLike } from './sharing/lock-leader';
import {
  browserCapabilities,
  chooseShareRoute,
  shareName,
  type ShareCapabilities,
  type ShareChoice,
} from './sharing/share-mode';

/** Makes the page's realtime client for a backend; the UI's connection hook receives one. */
export type ClientFactory = (baseUrl: string) => RealtimeClient;

/**
 * Clients whose engine runs off the page's main thread. By default the browser's tabs share
 * one engine per backend (docs/connection.md, "One connection per browser"): a SharedWorker, or
 * a leader tab elected with Web Locks; `share: 'off'` (`?share=off`), or a browser with neither,
 * gives each tab its own engine in a dedicated Worker, ended by `dispose()`. An engine that
 * cannot start hands over to the engine on the page.
 */
export function workerClientFactory(
  timing: ClientTiming = {},
  share: ShareChoice = 'auto',
  can: ShareCapabilities = browserCapabilities(),
): ClientFactory {
  return (baseUrl) => {
    const options: WorkerEngineOptions = { baseUrl, topics: ['metrics', 'alerts'], ...timing };
    const signals = browserSignals();
    switch (chooseShareRoute(share, can)) {
      case 'shared-worker':
        return leaveOnPagehide(sharedWorkerClient(options, signals, timing));
      case 'web-locks':
        return leaveOnPagehide(
          lockLeaderClient(shareName(baseUrl), options, {
            requestLock: (name, hold) => navigator.locks.request(name, hold),
            openChannel: (name) => new BroadcastChannel(name) as unknown as ChannelLike,
            makeEngine: ({ env, ...engineOptions }) =>
              dedicatedWorkerClient(engineOptions, env?.signals ?? signals, timing),
            signals,
            tabId: crypto.randomUUID(),
          }),
        );
      case 'tab':
        return dedicatedWorkerClient(options, signals, timing);
    }
  };
}

/** One engine in a dedicated Worker, for this tab (or for the leader tab's hub). */
function dedicatedWorkerClient(
  options: Omit<RealtimeOptions, 'env'>,
  signals: Signals,
  timing: ClientTiming,
): RealtimeClient {
  const worker = new Worker(new URL('../realtime/realtime.worker.ts', import.meta.url), {
    type: 'module',
    name: 'pulseboard-realtime',
  });
  return new WorkerRealtimeClient(
    // A Worker's onmessage receives a MessageEvent; the client only reads its `data`.
    worker as unknown as MessagePortLike,
    options,
    signals,
    async () => pageClient(options.baseUrl, timing),
  );
}

/** The browser's one engine for this backend, shared by every tab that names the same worker. */
function sharedWorkerClient(
  options: WorkerEngineOptions,
  signals: Signals,
  timing: ClientTiming,
): RealtimeClient {
  let worker: SharedWorker;
  try {
    worker = new SharedWorker(new URL('../realtime/shared-engine.worker.ts', import.meta.url), {
      type: 'module',
      name: shareName(options.baseUrl),
    });
  } catch (error) {
    // Refused outright (a sandboxed frame, a storage policy): this tab runs its own engine.
    console.warn('[pulseboard] no SharedWorker here; this tab runs its own engine', error);
    return dedicatedWorkerClient(options, signals, timing);
  }
  const client = new SharedRealtimeClient(
    worker.port as unknown as HubPort,
    options,
    signals,
    'shared-worker',
    false,
    // Its script did not load (a strict CSP, a broken deploy): this tab runs its own engine.
    () => dedicatedWorkerClient(options, signals, timing),
  );
  worker.onerror = () => void client.failOver();
  return client;
}

async function pageClient(baseUrl: string, timing: ClientTiming): Promise<RealtimeClient> {
  return (await import('./page-client-factory')).browserClientFactory(timing)(baseUrl);
}
