import { createRealtimeClient, WorkerRealtimeClient, type MessagePortLike } from '../realtime';
import type { RealtimeClient } from '../realtime';
import { browserSignals } from './browser-signals';
import type { ClientTiming } from './config';

/** Makes the page's realtime client for a backend; the UI's connection hook receives one. */
export type ClientFactory = (baseUrl: string) => RealtimeClient;

/** The page's client: browser signals wired in, timings as configured. */
export function browserClientFactory(timing: ClientTiming = {}): ClientFactory {
  return (baseUrl) =>
    createRealtimeClient({
      baseUrl,
      topics: ['metrics', 'alerts'],
      env: { signals: browserSignals() },
      ...timing,
    });
}

/**
 * Clients whose engine runs in a Web Worker; one worker per client, ended by `dispose()`. A
 * worker that cannot start hands over to the engine on the page.
 */
export function workerClientFactory(timing: ClientTiming = {}): ClientFactory {
  const onPage = browserClientFactory(timing);
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
      () => onPage(baseUrl),
    );
  };
}
