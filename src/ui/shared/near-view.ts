import { createContext, useContext, useEffect, useState, type RefObject } from 'react';

/**
 * Tells elements when they first come near the viewport, through one IntersectionObserver for
 * all of them: a grid of a thousand placeholders costs the browser one observer, not a thousand.
 * Each element is told once and then forgotten (what mounted stays mounted).
 */
export type NearViewWatcher = {
  /** Calls `onNear` once, when `element` first comes within the margin; returns a cancel. */
  watch(element: Element, onNear: () => void): () => void;
  disconnect(): void;
};

/**
 * How far outside the viewport counts as near: one screen below and above, so what the next
 * scroll (or the next Tab) reaches is mounted before it shows.
 */
export const NEAR_VIEW_MARGIN = '100% 0px';

export function createNearViewWatcher(
  Observer: typeof IntersectionObserver | null,
  rootMargin = NEAR_VIEW_MARGIN,
): NearViewWatcher {
  // Without IntersectionObserver everything counts as near: nothing waits for a scroll forever.
  if (!Observer)
    return {
      watch(_element, onNear) {
        onNear();
        return () => {};
      },
      disconnect() {},
    };
  const waiting = new Map<Element, () => void>();
  const observer = new Observer(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const onNear = waiting.get(entry.target);
        if (!onNear) continue;
        waiting.delete(entry.target);
        observer.unobserve(entry.target);
        onNear();
      }
    },
    { rootMargin },
  );
  return {
    watch(element, onNear) {
      waiting.set(element, onNear);
      observer.observe(element);
      return () => {
        if (waiting.get(element) !== onNear) return;
        waiting.delete(element);
        observer.unobserve(element);
      };
    },
    disconnect() {
      waiting.clear();
      observer.disconnect();
    },
  };
}

export const NearViewContext = createContext<NearViewWatcher | null>(null);

/**
 * Whether `ref`'s element has come near the viewport yet; true from the start when `already`
 * (and without a watcher in context). Never goes back to false.
 */
export function useNearView(ref: RefObject<Element | null>, already: boolean): boolean {
  const watcher = useContext(NearViewContext);
  const [near, setNear] = useState(already || watcher === null);
  const isNear = near || already;
  useEffect(() => {
    const element = ref.current;
    if (isNear || !watcher || !element) return;
    return watcher.watch(element, () => setNear(true));
  }, [isNear, watcher, ref]);
  return isNear;
}
