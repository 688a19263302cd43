import { useEffect } from 'react';
import {
  bindClientToStore,
  frameScheduler,
  type DashboardStore,
  type FlushScheduler,
} from '../../store';
import type { ClientFactory } from '../../app/client-factories';

/**
 * Owns the realtime client for as long as the component is mounted. The client is created in
 * the effect and disposed in its cleanup, so StrictMode's double mount leaves exactly one live
 * connection and the first client's late events go nowhere.
 */
export function useRealtimeConnection(
  store: DashboardStore,
  baseUrl: string,
  createClient: ClientFactory,
  schedule: FlushScheduler = frameScheduler,
): void {
  useEffect(() => {
    const client = createClient(baseUrl);
    const unbind = bindClientToStore(client, store, schedule);
    client.start();
    return () => {
      client.dispose();
      unbind();
    };
  }, [store, baseUrl, createClient, schedule]);
}
