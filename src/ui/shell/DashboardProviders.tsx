import type { ReactNode } from 'react';
import type { DashboardStore, OperatorStore } from '../../store';
import { EnvironmentProvider, type UiEnvironment } from '../shared/environment';
import { OperatorProvider } from '../shared/operator-context';
import { RedrawProvider } from '../shared/redraw-context';
import { StoreProvider } from '../shared/store-context';

/** Everything the dashboard's components read: the server-fed store, the operator's store, the environment, the redraw pacing. */
export function DashboardProviders({
  store,
  operator,
  environment,
  children,
}: {
  store: DashboardStore;
  operator: OperatorStore;
  environment: UiEnvironment;
  children: ReactNode;
}) {
  return (
    <EnvironmentProvider environment={environment}>
      <StoreProvider store={store}>
        <OperatorProvider store={operator}>
          <RedrawProvider>{children}</RedrawProvider>
        </OperatorProvider>
      </StoreProvider>
    </EnvironmentProvider>
  );
}
