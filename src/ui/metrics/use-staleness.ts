import { useEffect, useState } from 'react';
import { useEnvironment } from '../shared/environment';
import { everyInterval } from '../shared/shared-interval';
import { staleness, usualIntervalMs, type Staleness } from './staleness';
import { useDashboard, useDashboardStore } from '../shared/store-context';

const CHECK_MS = 500;

/**
 * Whether a series' panel should dim, and since when. Checked twice a second and whenever the
 * series changes; the component re-renders only when the answer changes, not on every message.
 */
export function useStaleness(name: string): Staleness {
  const store = useDashboardStore();
  const { now } = useEnvironment();
  // No connection known yet is not evidence of a problem; a known one that cannot deliver is.
  const delivering = useDashboard((s) => {
    const status = s.connection?.status;
    return status === undefined || status === 'live' || status === 'fallback';
  });
  const [result, setResult] = useState<Staleness>({ stale: false });
  useEffect(() => {
    const check = () => {
      const entry = store.getState().series.get(name);
      const next: Staleness = entry
        ? staleness({
            now: now(),
            updatedAt: entry.updatedAt,
            intervalMs: usualIntervalMs(entry.buffer),
            delivering,
          })
        : { stale: false };
      setResult((previous) => (sameStaleness(previous, next) ? previous : next));
    };
    check();
    // One timer for all panels (src/ui/shared/shared-interval.ts), not one each.
    const stopChecks = everyInterval(CHECK_MS, check);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.series.get(name) !== previous.series.get(name)) check();
    });
    return () => {
      stopChecks();
      unsubscribe();
    };
  }, [store, name, now, delivering]);
  return result;
}

function sameStaleness(a: Staleness, b: Staleness): boolean {
  if (!a.stale || !b.stale) return a.stale === b.stale;
  return a.reason === b.reason && a.since === b.since;
}
