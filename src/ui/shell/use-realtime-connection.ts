import { useEffect } from 'react';
import {
  bindClientToStore,
  frameScheduler,
  type DashboardStore,
  type FlushScheduler,
} from '../../store';
import type { ClientFactory } from '../../app/client-factories';
import { bindTopicChoice } from '../../store/topic-choice-binding';
import type { TopicChoiceStore } from '../../store/topic-choice';

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
  /** The operator's topics: bound before `start`, so the first `hello` carries them. */
  topics?: TopicChoiceStore,
): void {
  useEffect(() => {
    const client = createClient(baseUrl);
    const unbind = bindClientToStore(client, store, schedule);
    const unbindTopics = topics ? bindTopicChoice(client, store, topics) : () => {};
    client.start();
    return () => {
      client.dispose();
      unbindTopics();
      unbind();
    };
  }, [store, baseUrl, createClient, schedule, topics]);
}
