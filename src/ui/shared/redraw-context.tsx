import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useEnvironment } from './environment';
import { createMountQueue, type MountQueue } from './mount-queue';
import { RedrawScheduler } from './redraw-scheduler';
import { useDashboardStore } from './store-context';

const RedrawContext = createContext<RedrawScheduler | null>(null);
const MountQueueContext = createContext<MountQueue | null>(null);

/**
 * One redraw scheduler for all charts of a dashboard, woken by every store commit, and one queue
 * that lets costly mounts (a chart, a step of the metric grid) through one every other frame.
 */
export function RedrawProvider({ children }: { children: ReactNode }) {
  const store = useDashboardStore();
  const { frames, now, chartIntervalMs } = useEnvironment();
  const [scheduler] = useState(
    () => new RedrawScheduler({ frames, now, minIntervalMs: chartIntervalMs }),
  );
  const [mounts] = useState(() => createMountQueue(frames));
  useEffect(() => {
    const unsubscribe = store.subscribe(() => scheduler.wake());
    return () => {
      unsubscribe();
      scheduler.halt();
      mounts.clear();
    };
  }, [store, scheduler, mounts]);
  return (
    <RedrawContext.Provider value={scheduler}>
      <MountQueueContext.Provider value={mounts}>{children}</MountQueueContext.Provider>
    </RedrawContext.Provider>
  );
}

export function useMountQueue(): MountQueue {
  const mounts = useContext(MountQueueContext);
  if (!mounts) throw new Error('Expected a <RedrawProvider> above this component');
  return mounts;
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
