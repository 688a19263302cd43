import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resolveBackend } from './app/config';
import { createDashboardStore } from './store';
import { browserClientFactory } from './ui/use-realtime-connection';
import './ui/styles.css';

async function main() {
  const config = resolveBackend(location.search, location.origin, import.meta.env.VITE_API_BASE);
  if (config.mode === 'mock') {
    // Loaded only in mock mode, so a dashboard pointed at a real backend never downloads it.
    const { startMockBackend } = await import('../mocks/browser');
    await startMockBackend(config.baseUrl);
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('Expected an element #root in index.html');
  const store = createDashboardStore();
  // A read-only handle for browser tests and the benchmark (store commits, sequence numbers).
  (window as unknown as { __PULSEBOARD__: unknown }).__PULSEBOARD__ = { store, config };
  const createClient = browserClientFactory(config.timing);
  createRoot(root).render(
    <StrictMode>
      <App
        store={store}
        baseUrl={config.baseUrl}
        notice={config.problem}
        createClient={createClient}
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
