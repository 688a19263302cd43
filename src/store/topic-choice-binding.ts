import type { RealtimeClient } from '../realtime';
import type { DashboardStore } from './dashboard-store';
import { subscribedTopics, type TopicChoiceStore } from './topic-choice';

/**
 * Keeps the client's topic set equal to what the operator chose over what the catalogue offers.
 * Run before `client.start()`, so the first `hello` already carries the remembered choice; after
 * that, a change of choice or of catalogue becomes a `subscribe`/`unsubscribe` through the client
 * (which also puts the set in every later `hello` and announces it on the HTTP fallback).
 * Each time the connection turns live the set is said again: an engine shared between tabs may
 * have started (or been handed over) before this tab's choice reached it, and a `subscribe` of
 * topics already held changes nothing on the server. Returns the unbind.
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
  const reassert = () => {
    const extra = [...applied].filter((topic) => !base.includes(topic));
    const dropped = base.filter((topic) => !applied.has(topic));
    if (dropped.length > 0) client.unsubscribe(dropped);
    if (extra.length > 0) client.subscribe(extra);
  };
  sync();
  const offStore = store.subscribe((state, previous) => {
    if (state.catalog !== previous.catalog) sync();
    const live = state.connection?.status === 'live';
    if (live && previous.connection?.status !== 'live') reassert();
  });
  const offChoice = choice.subscribe((state, previous) => {
    if (state.chosen !== previous.chosen) sync();
  });
  return () => {
    offStore();
    offChoice();
  };
}
