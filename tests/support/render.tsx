import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import {
  createDashboardStore,
  createOperatorStore,
  type DashboardStore,
  type OperatorStore,
} from '../../src/store';
import { DashboardProviders } from '../../src/ui/shell/DashboardProviders';
import { defaultEnvironment, type UiEnvironment } from '../../src/ui/shared/environment';
import { timerFrames } from '../../src/store';

/**
 * A deterministic environment for component tests: English, frames on a timer (driven by fake
 * timers when a test uses them), no IntersectionObserver or relevance events unless a test brings
 * them.
 */
export function testEnvironment(overrides: Partial<UiEnvironment> = {}): UiEnvironment {
  return defaultEnvironment({
    frames: timerFrames(16),
    IntersectionObserver: null,
    relevanceEvents: false,
    languages: ['en-US'],
    ...overrides,
  });
}

export type RenderDashboardOptions = {
  store?: DashboardStore;
  operator?: OperatorStore;
  environment?: Partial<UiEnvironment>;
};

/** Renders `ui` under every provider the dashboard's components need, over fresh (or given) stores. */
export function renderDashboard(ui: ReactElement, options: RenderDashboardOptions = {}) {
  const store = options.store ?? createDashboardStore();
  const operator = options.operator ?? createOperatorStore();
  const environment = testEnvironment(options.environment);
  const wrap = (node: ReactElement) => (
    <DashboardProviders store={store} operator={operator} environment={environment}>
      {node}
    </DashboardProviders>
  );
  const result = render(wrap(ui));
  return {
    store,
    operator,
    environment,
    ...result,
    rerender: (next: ReactElement) => result.rerender(wrap(next)),
  };
}

/** Renders `ui` over a fresh (or given) dashboard store. */
export function renderWithStore(ui: ReactElement, store: DashboardStore = createDashboardStore()) {
  return renderDashboard(ui, { store });
}
