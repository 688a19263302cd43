import { setupServer } from 'msw/node';
import { MockBackend, type BackendOptions } from './backend';
import { createHandlers } from './handlers';

export const TEST_BASE_URL = 'http://pulseboard.test';

/**
 * A MockBackend behind MSW in Node (vitest): HTTP and WebSocket of `baseUrl` are answered
 * in-process, no port is opened. Works with fake timers: the backend reads time at call time.
 *
 * @example
 * const mock = startMockServer();
 * afterEach(() => mock.close());
 * mock.backend.closeAll(1008); // script any misbehaviour
 */
export function startMockServer(
  options: BackendOptions & { baseUrl?: string; feed?: boolean } = {},
) {
  const baseUrl = options.baseUrl ?? TEST_BASE_URL;
  const backend = new MockBackend(options);
  if (options.feed ?? false) backend.start();
  const server = setupServer(...createHandlers(backend, baseUrl));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    backend,
    server,
    baseUrl,
    close() {
      backend.stop();
      server.close();
    },
  };
}
