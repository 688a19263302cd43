import { useEffect, useState } from 'react';
import { useEnvironment } from './environment';
import { onPageShown, pageHidden } from './page-visibility';

/**
 * The current time, refreshed every `intervalMs` while `active` (a countdown, an age label).
 * A change of `restartKey` (say, a new retry time) refreshes it at once rather than on the next tick.
 * Not while the page is hidden: nobody reads the clock there, and a hidden tab should not render;
 * it refreshes the moment the page is shown again.
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
    const handle = globalThis.setInterval(() => {
      if (!pageHidden()) setTime(now());
    }, intervalMs);
    const offShown = onPageShown(() => setTime(now()));
    return () => {
      live = false;
      globalThis.clearInterval(handle);
      offShown();
    };
  }, [now, intervalMs, active, restartKey]);
  return time;
}
