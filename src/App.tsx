import type { ReactNode } from 'react';
import type { DashboardStore } from './store';
import { Dashboard } from './ui/Dashboard';
import { StoreProvider } from './ui/store-context';
import { useRealtimeConnection, type ClientFactory } from './ui/use-realtime-connection';

export type AppProps = {
  store: DashboardStore;
  baseUrl: string;
  notice?: string | undefined;
  createClient?: ClientFactory;
  /** Tools shown beside the dashboard (the QA panel in mock mode). */
  tools?: ReactNode;
};

export function App({ store, baseUrl, notice, createClient, tools }: AppProps) {
  useRealtimeConnection(store, baseUrl, createClient);
  return (
    <StoreProvider store={store}>
      <Dashboard notice={notice} />
      {tools}
    </StoreProvider>
  );
}
