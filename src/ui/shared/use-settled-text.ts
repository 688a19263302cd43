import { useEffect, useRef, useState } from 'react';
import { useEnvironment } from './environment';

/**
 * `text`, but changing at most once per `intervalMs`: a label that follows a chart redrawn five
 * times a second would make a screen reader's reading of it a moving target. The latest text is
 * taken as soon as the interval allows, so it is never more than `intervalMs` behind.
 */
export function useSettledText(text: string, intervalMs: number): string {
  const { now } = useEnvironment();
  const [settled, setSettled] = useState(text);
  const lastAt = useRef<number | null>(null);
  useEffect(() => {
    if (text === settled) return;
    const wait = lastAt.current === null ? 0 : lastAt.current + intervalMs - now();
    const take = () => {
      lastAt.current = now();
      setSettled(text);
    };
    if (wait <= 0) {
      take();
      return;
    }
    const timer = globalThis.setTimeout(take, wait);
    return () => globalThis.clearTimeout(timer);
  }, [text, settled, intervalMs, now]);
  return settled;
}
