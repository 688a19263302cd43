import { setupWorker } from 'msw/browser';
import { MockBackend } from '../backend/mock-backend';
import { createHandlers } from './handlers';
import type { ScenarioRunner, ScenarioSpec } from '../backend/scenario';
import { runScenario } from '../backend/scenario-runner';

/**
 * The embedded backend of the browser demo: a MockBackend behind MSW at the page's own origin,
 * so the dashboard runs with no server at all.
 */
export async function startMockBackend(baseUrl: string): Promise<MockBackend> {
  return (await startScriptedMockBackend(baseUrl)).backend;
}

/** The same, running `scenario` from the start; the runner lets the QA panel switch it. */
export async function startScriptedMockBackend(
  baseUrl: string,
  scenario: readonly ScenarioSpec[] = [],
): Promise<{ backend: MockBackend; scenarios: ScenarioRunner }> {
  const backend = new MockBackend().start();
  const scenarios = runScenario(backend, scenario);
  const worker = setupWorker(...createHandlers(backend, baseUrl));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  return { backend, scenarios };
}
