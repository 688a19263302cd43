import { WorkerRealtimeClient, type MessagePortLike } from '../realtime';
import { browserClientFactory, type ClientFactory } from '../ui/use-realtime-connection';
import { browserSignals } from './browser-signals';
import type { ClientTiming } from './config';

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
