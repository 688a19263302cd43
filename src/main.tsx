// First, so every feature's styles (imported by its components) come after the theme and reset.
import './ui/shell/base.css';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { backendHost, resolveBackend } from './app/config';
import { debugHandle } from './app/debug-handle';
import { createDashboardStore } from './store';
import { loadMetricPanel } from './ui/shell/PanelGrid';

async function main() {
  const config = resolveBackend(location.search, location.origin, {
    base: import.meta.env.VITE_API_BASE,
    allow: import.meta.env.VITE_API_ALLOW,
  });
  // On screen the operator reads it in their language (BackendIdentity); this is for the log.
  if (config.problem) console.warn(`[pulseboard] ${config.problem}`);
  let tools: ReactNode = null;
  let qa: unknown = null;
  let notice: string | undefined;
  // Vite replaces VITE_API_BASE with the build's value, so in a deployment this condition is
  // constant false and the import below (the mock backend, MSW, the QA kit and `?scenario=`) is
  // not in the build at all. A dashboard on a real backend never downloads it either.
  if (!import.meta.env.VITE_API_BASE && config.mode === 'mock') {
    const { startQaMode } = await import('./ui/qa/start-qa-mode');
    const mock = await startQaMode(config.baseUrl, location, history);
    tools = mock.tools;
    qa = mock.qa;
    notice = mock.problem;
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('Expected an element #root in index.html');
  const store = createDashboardStore();
  (window as unknown as { __PULSEBOARD__: unknown }).__PULSEBOARD__ = debugHandle(
    store,
    config,
    qa,
  );
  // Either engine's client is fetched here rather than shipped in the first load: the sharing
  // routes (SharedWorker, Web Locks, per tab) are about 4 kB gzip the first paint does not need.
  // The panels' chunk comes with the client, in parallel: nothing shows a panel before data.
  const panels = loadMetricPanel();
  const createClient =
    config.engine === 'worker'
      ? await import('./app/worker-client-factory').then(
          ({ workerClientFactory, shareChoiceFrom }) =>
            workerClientFactory(config.timing, shareChoiceFrom(location.search)),
        )
      : (await import('./app/page-client-factory')).browserClientFactory(config.timing);
  await panels.catch(() => undefined);
  createRoot(root).render(
    <StrictMode>
      <App
        store={store}
        baseUrl={config.baseUrl}
        backend={{
          mode: config.mode,
          host: backendHost(config.baseUrl),
          deployment: config.deployment,
          foreign: config.foreign,
          refused: config.refused,
        }}
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
