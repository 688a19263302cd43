import { setupWorker } from 'msw/browser';
import { MockBackend } from './backend';
import { createHandlers } from './handlers';

/**
 * The embedded backend of the browser demo: a MockBackend behind MSW at the page's own origin,
 * so the dashboard runs with no server at all.
 */
export async function startMockBackend(baseUrl: string): Promise<MockBackend> {
  const backend = new MockBackend().start();
  const worker = setupWorker(...createHandlers(backend, baseUrl));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  return backend;
}
