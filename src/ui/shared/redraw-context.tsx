import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useEnvironment } from './environment';
import { RedrawScheduler } from './redraw-scheduler';
import { useDashboardStore } from './store-context';

const RedrawContext = createContext<RedrawScheduler | null>(null);

/** One redraw scheduler for all charts of a dashboard, woken by every store commit. */
export function RedrawProvider({ children }: { children: ReactNode }) {
  const store = useDashboardStore();
  const { frames, now, chartIntervalMs } = useEnvironment();
  const [scheduler] = useState(
    () => new RedrawScheduler({ frames, now, minIntervalMs: chartIntervalMs }),
  );
  useEffect(() => {
    const unsubscribe = store.subscribe(() => scheduler.wake());
    return () => {
      unsubscribe();
      scheduler.halt();
    };
  }, [store, scheduler]);
  return <RedrawContext.Provider value={scheduler}>{children}</RedrawContext.Provider>;
}

export function useRedrawScheduler(): RedrawScheduler {
  const scheduler = useContext(RedrawContext);
  if (!scheduler) throw new Error('Expected a <RedrawProvider> above this component');
  return scheduler;
}

export function usePaused(): [boolean, (paused: boolean) => void] {
  const scheduler = useRedrawScheduler();
  const paused = useSyncExternalStore(
    (listener) => scheduler.subscribe(listener),
    () => scheduler.isPaused(),
  );
  return [paused, (next) => scheduler.setPaused(next)];
}
