import type { ReactNode } from 'react';
import { startScriptedMockBackend } from '../../../mocks/browser';
import { parseScenarios } from '../../../backend/scenario-runner';
import { createQaController, type QaController } from './qa-controller';
import { QaPanel } from './QaPanel';

/**
 * Mock mode: the embedded backend, running the scenario named in `?scenario=`, and the QA panel
 * that drives it. One dynamic import away from main.tsx, so a dashboard on a real backend never
 * downloads the mocks or the panel.
 */
export async function startQaMode(
  baseUrl: string,
  location: Pick<Location, 'href' | 'search'>,
  history: Pick<History, 'replaceState'>,
): Promise<{ tools: ReactNode; qa: QaController; problem?: string }> {
  const requested = new URLSearchParams(location.search).get('scenario') ?? '';
  const parsed = parseScenarios(requested);
  const { backend, scenarios } = await startScriptedMockBackend(
    baseUrl,
    parsed.ok ? parsed.value : [],
  );
  const qa = createQaController(backend, scenarios);
  const linkFor = (spec: string) => {
    const url = new URL(location.href);
    if (spec) url.searchParams.set('scenario', spec);
    else url.searchParams.delete('scenario');
    return url.toString();
  };
  const tools = (
    <QaPanel
      controller={qa}
      linkFor={linkFor}
      onScenarioChange={(spec) => history.replaceState(null, '', linkFor(spec))}
    />
  );
  return parsed.ok
    ? { tools, qa }
    : { tools, qa, problem: `Ignored ?scenario=${requested}: ${parsed.error}` };
}
