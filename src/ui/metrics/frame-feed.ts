import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useEnvironment } from '../shared/environment';
import { onPageShown, pageHidden } from '../shared/page-visibility';

/**
 * A panel's newest frame, kept outside React. A redraw puts a frame here and the parts that
 * change with every frame (the line, the time axis, the number, the trend) write themselves to
 * the DOM from it; React renders the panel again only when something it lays out changes (the
 * value axis, a breach, the decimals). So a chart redrawn five times a second costs no React
 * commit, and React's work follows what changes on screen rather than the message rate.
 */
export class FrameFeed<F> {
  private readonly listeners = new Set<(frame: F) => void>();

  constructor(private frame: F) {}

  readonly get = (): F => this.frame;

  set(frame: F): void {
    this.frame = frame;
    for (const listener of this.listeners) listener(frame);
  }

  readonly subscribe = (listener: (frame: F) => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
}

const noSubscribe = () => () => {};

/**
 * `select(frame)`, re-rendering only when `equal` says the selection changed: what a component
 * lays out from a frame, read without taking every frame.
 */
export function useFeedSelector<F, T>(
  feed: FrameFeed<F>,
  select: (frame: F) => T,
  equal: (a: T, b: T) => boolean,
): T {
  const cache = useRef<{ frame: F; value: T } | null>(null);
  const read = () => {
    const frame = feed.get();
    const cached = cache.current;
    if (cached?.frame === frame) return cached.value;
    const value = select(frame);
    const kept = cached && equal(cached.value, value) ? cached.value : value;
    cache.current = { frame, value: kept };
    return kept;
  };
  return useSyncExternalStore(feed.subscribe, read);
}

/**
 * Every frame while `enabled` (a control chart's marks follow each redraw); otherwise the frame
 * of the last render, with no subscription and no re-render.
 */
export function useFeedFrame<F>(feed: FrameFeed<F>, enabled: boolean): F {
  return useSyncExternalStore(enabled ? feed.subscribe : noSubscribe, feed.get);
}

/**
 * The newest frame, but re-rendering at most once per `intervalMs` (the first change at once):
 * for text that should settle, such as a chart's description for screen readers. Not while the
 * page is hidden (a hidden tab renders nothing): the newest frame is taken when it is shown.
 */
export function useFeedSample<F>(feed: FrameFeed<F>, intervalMs: number): F {
  const { now } = useEnvironment();
  const [sample, setSample] = useState(feed.get);
  useEffect(() => {
    let lastAt = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let waitingToBeShown = false;
    const take = () => {
      timer = null;
      if (pageHidden()) {
        waitingToBeShown = true;
        return;
      }
      waitingToBeShown = false;
      lastAt = now();
      setSample(() => feed.get());
    };
    const offShown = onPageShown(() => {
      if (waitingToBeShown) take();
    });
    const off = feed.subscribe(() => {
      if (timer !== null || waitingToBeShown) return;
      const wait = lastAt + intervalMs - now();
      if (wait <= 0) take();
      else timer = globalThis.setTimeout(take, wait);
    });
    // A frame may have come between the render and this effect.
    if (feed.get() !== sample) take();
    return () => {
      off();
      offShown();
      if (timer !== null) globalThis.clearTimeout(timer);
    };
    // `sample` is read once, for the frame missed before subscribing; following it would re-run
    // the effect on every sample and reset the pacing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [feed, intervalMs, now]);
  return sample;
}
