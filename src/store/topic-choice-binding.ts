import type { RealtimeClient } from '../realtime';
import type { DashboardStore } from './dashboard-store';
import { subscribedTopics, type TopicChoiceStore } from './topic-choice';

/**
 * Keeps the client's topic set equal to what the operator chose over what the catalogue offers.
 * Run before `client.start()`, so the first `hello` already carries the remembered choice; after
 * that, a change of choice or of catalogue becomes a `subscribe`/`unsubscribe` through the client
 * (which also puts the set in every later `hello` and announces it on the HTTP fallback).
 * Returns the unbind.
 */
export function bindTopicChoice(
  client: Pick<RealtimeClient, 'getSnapshot' | 'subscribe' | 'unsubscribe'>,
  store: DashboardStore,
  choice: TopicChoiceStore,
): () => void {
  const base = [...client.getSnapshot().topics];
  let applied = new Set(base);
  const sync = () => {
    const wanted = subscribedTopics(
      base,
      store.getState().catalog.topics,
      choice.getState().chosen,
    );
    const add = [...wanted].filter((topic) => !applied.has(topic));
    const drop = [...applied].filter((topic) => !wanted.has(topic));
    applied = wanted;
    if (drop.length > 0) client.unsubscribe(drop);
    if (add.length > 0) client.subscribe(add);
  };
  sync();
  const offStore = store.subscribe((state, previous) => {
    if (state.catalog !== previous.catalog) sync();
  });
  const offChoice = choice.subscribe((state, previous) => {
    if (state.chosen !== previous.chosen) sync();
  });
  return () => {
    offStore();
    offChoice();
  };
}
