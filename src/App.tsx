import { useState, type ReactNode } from 'react';
import {
  browserStorage,
  createOperatorStore,
  type DashboardStore,
  type OperatorStore,
} from './store';
import { Dashboard } from './ui/Dashboard';
import { DashboardProviders } from './ui/DashboardProviders';
import { defaultEnvironment, type UiEnvironment } from './ui/environment';
import { useRealtimeConnection, type ClientFactory } from './ui/use-realtime-connection';

export type AppProps = {
  store: DashboardStore;
  baseUrl: string;
  notice?: string | undefined;
  createClient?: ClientFactory;
  /** Tools shown beside the dashboard (the QA panel in mock mode). */
  tools?: ReactNode;
  /** What this operator did and chose; by default kept in localStorage across reloads. */
  operatorStore?: OperatorStore;
  /** Clock, frames, observers and UI configuration; the browser's by default. */
  environment?: UiEnvironment;
};

export function App({
  store,
  baseUrl,
  notice,
  createClient,
  tools,
  operatorStore,
  environment,
}: AppProps) {
  useRealtimeConnection(store, baseUrl, createClient);
  const [operator] = useState(
    () => operatorStore ?? createOperatorStore({ storage: browserStorage() }),
  );
  const [env] = useState(() => environment ?? defaultEnvironment());
  return (
    <DashboardProviders store={store} operator={operator} environment={env}>
      <Dashboard notice={notice} />
      {tools}
    </DashboardProviders>
  );
}
