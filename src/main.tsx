import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resolveBackend } from './app/config';
import { workerClientFactory } from './app/realtime-worker';
import { createDashboardStore } from './store';
import { browserClientFactory } from './ui/use-realtime-connection';
import './ui/styles.css';

async function main() {
  const config = resolveBackend(location.search, location.origin, import.meta.env.VITE_API_BASE);
  let tools: ReactNode = null;
  let qa: unknown = null;
  let notice = config.problem;
  if (config.mode === 'mock') {
    // Loaded only in mock mode, so a dashboard pointed at a real backend never downloads it.
    const { startQaMode } = await import('./ui/qa/start-qa-mode');
    const mock = await startQaMode(config.baseUrl, location, history);
    tools = mock.tools;
    qa = mock.qa;
    notice = [notice, mock.problem].filter(Boolean).join(' · ') || undefined;
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('Expected an element #root in index.html');
  const store = createDashboardStore();
  // A read-only handle for browser tests and the benchmark (store commits, sequence numbers).
  // In mock mode `qa` fires faults too: the QA kit's own browser tests use it.
  (window as unknown as { __PULSEBOARD__: unknown }).__PULSEBOARD__ = { store, config, qa };
  const createClient =
    config.engine === 'worker'
      ? workerClientFactory(config.timing)
      : browserClientFactory(config.timing);
  createRoot(root).render(
    <StrictMode>
      <App
        store={store}
        baseUrl={config.baseUrl}
        notice={notice}
        createClient={createClient}
        tools={tools}
      />
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root)
    root.textContent = `Pulseboard could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
