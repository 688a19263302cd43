import type { DashboardStore } from './store';
import { Dashboard } from './ui/Dashboard';
import { StoreProvider } from './ui/store-context';
import { useRealtimeConnection, type ClientFactory } from './ui/use-realtime-connection';

export type AppProps = {
  store: DashboardStore;
  baseUrl: string;
  notice?: string | undefined;
  createClient?: ClientFactory;
};

export function App({ store, baseUrl, notice, createClient }: AppProps) {
  useRealtimeConnection(store, baseUrl, createClient);
  return (
    <StoreProvider store={store}>
      <Dashboard notice={notice} />
    </StoreProvider>
  );
}
