import { createRealtimeClient } from '../realtime';
import { browserSignals } from './browser-signals';
import type { ClientFactory } from './client-factories';
import type { ClientTiming } from './config';

/**
 * The page's client: the engine on the main thread, browser signals wired in, timings as
 * configured. Loaded on demand (mock mode, `?engine=page`, a worker that never starts), so the
 * default worker engine's first load does not carry a second copy of the engine.
 */
export function browserClientFactory(timing: ClientTiming = {}): ClientFactory {
  return (baseUrl) =>
    createRealtimeClient({
      baseUrl,
      topics: ['metrics', 'alerts'],
      env: { signals: browserSignals() },
      ...timing,
    });
}
