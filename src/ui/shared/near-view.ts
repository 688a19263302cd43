import {
  createContext,
  startTransition,
  useContext,
  useLayoutEffect,
  useState,
  type RefObject,
} from 'react';

/**
 * Tells elements when they first come near the viewport. Each element is told once and then
 * forgotten (what mounted stays mounted).
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

/**
 * The event a browser sends an element styled `content-visibility: auto` when it starts or stops
 * skipping the element's contents (Chromium 124 on).
 */
export const RELEVANCE_EVENT = 'contentvisibilityautostatechange';

/** Whether this browser sends `RELEVANCE_EVENT`. */
export function hasRelevanceEvents(): boolean {
  return typeof HTMLElement !== 'undefined' && `on${RELEVANCE_EVENT}` in HTMLElement.prototype;
}

/**
 * The watcher for an environment: the browser's own relevance events where it sends them, else
 * one IntersectionObserver, else everything counts as near.
 */
export function nearViewWatcherFor(env: {
  relevanceEvents: boolean;
  IntersectionObserver: typeof IntersectionObserver | null;
}): NearViewWatcher {
  return env.relevanceEvents
    ? createRelevanceWatcher()
    : createNearViewWatcher(env.IntersectionObserver);
}

/**
 * Watches elements styled `content-visibility: auto` (only those: no other element gets the
 * event) through the browser's relevance events: it tracks every such element anyway, to know
 * what to skip, and tells each when it comes within its margin (about a screen in Chromium).
 * A second IntersectionObserver over the same thousand placeholders doubled the intersection
 * work of every frame in a flood of new names.
 */
export function createRelevanceWatcher(): NearViewWatcher {
  const cancels = new Set<() => void>();
  return {
    watch(element, onNear) {
      const listener = (event: Event) => {
        if ((event as ContentVisibilityAutoStateChangeEvent).skipped) return;
        cancel();
        onNear();
      };
      const cancel = () => {
        element.removeEventListener(RELEVANCE_EVENT, listener);
        cancels.delete(cancel);
      };
      element.addEventListener(RELEVANCE_EVENT, listener);
      cancels.add(cancel);
      return cancel;
    },
    disconnect() {
      for (const cancel of [...cancels]) cancel();
    },
  };
}

/**
 * The same through one IntersectionObserver for all elements: a grid of a thousand
 * placeholders costs the browser one observer, not a thousand.
 */
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
 * (and without a watcher in context). Never goes back to false. The element is watched from a
 * layout effect: the browser reports where a new element stands in the first rendering after
 * it is inserted, which a passive effect can come too late for. Turning near is a React
 * transition: a dozen placeholders come near at once when the grid first lays them out, and
 * each event rendered its full panel there and then (10 ms and more a panel in a flood).
 */
export function useNearView(ref: RefObject<Element | null>, already: boolean): boolean {
  const watcher = useContext(NearViewContext);
  const [near, setNear] = useState(already || watcher === null);
  const isNear = near || already;
  useLayoutEffect(() => {
    const element = ref.current;
    if (isNear || !watcher || !element) return;
    return watcher.watch(element, () => startTransition(() => setNear(true)));
  }, [isNear, watcher, ref]);
  return isNear;
}
