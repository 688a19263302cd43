import { useEffect, useState } from 'react';
import { useEnvironment } from './environment';

/**
 * The current time, refreshed every `intervalMs` while `active` (a countdown, an age label).
 * A change of `restartKey` (say, a new retry time) refreshes it at once rather than on the next tick.
 */
export function useNow(intervalMs: number, active = true, restartKey: unknown = null): number {
  const { now } = useEnvironment();
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!active) return;
    let live = true;
    queueMicrotask(() => {
      if (live) setTime(now());
    });
    const handle = globalThis.setInterval(() => setTime(now()), intervalMs);
    return () => {
      live = false;
      globalThis.clearInterval(handle);
    };
  }, [now, intervalMs, active, restartKey]);
  return time;
}
