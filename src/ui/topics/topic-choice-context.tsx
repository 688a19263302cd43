import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_OPTIONS } from '../../realtime/options';
import {
  createTopicChoiceStore,
  subscribedTopics,
  type TopicChoiceStore,
} from '../../store/topic-choice';
import { useDashboard } from '../shared/store-context';

const TopicChoiceContext = createContext<TopicChoiceStore | null>(null);

/** `store` absent: one in memory, shared by everything below (component tests, tools). */
export function TopicChoiceProvider({
  store: given,
  children,
}: {
  store?: TopicChoiceStore | undefined;
  children: ReactNode;
}) {
  const [own] = useState(() => (given ? null : createTopicChoiceStore()));
  const store = given ?? own;
  if (!store) throw new Error('unreachable: a topic choice is given or created');
  // Another tab on this backend changed the choice: follow it, so tabs sharing one connection
  // never undo each other's topics when they next say theirs.
  useEffect(() => {
    if (typeof window === 'undefined') return;
    const changed = (event: StorageEvent) => {
      const key = store.getState().storageKey;
      if (key !== null && (event.key === key || event.key === null)) store.getState().reload();
    };
    window.addEventListener('storage', changed);
    return () => window.removeEventListener('storage', changed);
  }, [store]);
  return <TopicChoiceContext.Provider value={store}>{children}</TopicChoiceContext.Provider>;
}

/** The provided choice, or one in memory for a screen rendered without it (tests, tools). */
export function useTopicChoiceStore(): TopicChoiceStore {
  const provided = useContext(TopicChoiceContext);
  const [own] = useState(() => (provided ? null : createTopicChoiceStore()));
  const store = provided ?? own;
  if (!store) throw new Error('unreachable: a topic choice is provided or created');
  return store;
}

/**
 * The topics the dashboard is subscribed to as the operator sees it: their choice over the
 * catalogue's defaults over the client's own (`metrics`, `alerts`). The same set the connection
 * binding (`bindTopicChoice`) makes the client subscribe to.
 */
export function useSubscribedTopics(): ReadonlySet<string> {
  const chosen = useStore(useTopicChoiceStore(), (s) => s.chosen);
  const topics = useDashboard((s) => s.catalog.topics);
  return useMemo(() => subscribedTopics(DEFAULT_OPTIONS.topics, topics, chosen), [topics, chosen]);
}
