import { setupServer } from 'msw/node';
import { MockBackend, type BackendOptions } from '../backend/mock-backend';
import { createHandlers } from './handlers';
import type { ScenarioSpec } from '../backend/scenario';
import { runScenario } from '../backend/scenario-runner';

export const TEST_BASE_URL = 'http://pulseboard.test';

/**
 * A MockBackend behind MSW in Node (vitest): HTTP and WebSocket of `baseUrl` are answered
 * in-process, no port is opened. Works with fake timers: the backend reads time at call time.
 *
 * `scenario` (see docs/qa.md) scripts the backend over time and switches the feed on unless
 * `feed: false`; without it the feed is off and the test publishes what it needs.
 *
 * @example
 * const mock = startMockServer();
 * afterEach(() => mock.close());
 * mock.backend.closeAll(1008); // script any misbehaviour
 *
 * const storm = startMockServer({ scenario: 'alert-storm;firstMs=0;count=50' });
 */
export function startMockServer(
  options: BackendOptions & {
    baseUrl?: string;
    feed?: boolean;
    scenario?: string | readonly ScenarioSpec[];
  } = {},
) {
  const baseUrl = options.baseUrl ?? TEST_BASE_URL;
  const backend = new MockBackend(options);
  if (options.feed ?? options.scenario !== undefined) backend.start();
  const scenarios = runScenario(backend, options.scenario);
  const server = setupServer(...createHandlers(backend, baseUrl));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    backend,
    server,
    baseUrl,
    /** Switch scenarios mid-test: `mock.scenarios.run([{ name: 'half-open', params: {} }])`. */
    scenarios,
    close() {
      scenarios.stop();
      backend.stop();
      server.close();
    },
  };
}

export type MockServer = ReturnType<typeof startMockServer>;
