import type { MessagePortLike } from '../realtime';
import { WorkerRealtimeClient } from '../realtime/worker-client';
import type { RealtimeClient } from '../realtime';
import { browserSignals } from './browser-signals';
import type { ClientTiming } from './config';

/** Makes the page's realtime client for a backend; the UI's connection hook receives one. */
export type ClientFactory = (baseUrl: string) => RealtimeClient;

/**
 * Clients whose engine runs in a Web Worker; one worker per client, ended by `dispose()`. A
 * worker that cannot start hands over to the engine on the page.
 */
export function workerClientFactory(timing: ClientTiming = {}): ClientFactory {
  return (baseUrl) => {
    const worker = new Worker(new URL('../realtime/realtime.worker.ts', import.meta.url), {
      type: 'module',
      name: 'pulseboard-realtime',
    });
    return new WorkerRealtimeClient(
      // A Worker's onmessage receives a MessageEvent; the client only reads its `data`.
      worker as unknown as MessagePortLike,
      { baseUrl, topics: ['metrics', 'alerts'], ...timing },
      browserSignals(),
      async () => (await import('./page-client-factory')).browserClientFactory(timing)(baseUrl),
    );
  };
}
