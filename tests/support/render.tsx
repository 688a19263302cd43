import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createDashboardStore, type DashboardStore } from '../../src/store';
import { StoreProvider } from '../../src/ui/store-context';

/** Renders `ui` over a fresh (or given) dashboard store. */
export function renderWithStore(ui: ReactElement, store: DashboardStore = createDashboardStore()) {
  return { store, ...render(<StoreProvider store={store}>{ui}</StoreProvider>) };
}
