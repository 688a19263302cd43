/**
 * The one way the app asks for "soon": a `FrameSource` runs a callback once and returns its
 * cancel. The store's flushes and the charts' redraws both pace themselves on it; tests swap in
 * timers or microtasks.
 */
export type FrameSource = (callback: () => void) => () => void;

/** requestAnimationFrame where there is one; a 16 ms timer elsewhere. */
export const animationFrames: FrameSource = (callback) => {
  if (typeof globalThis.requestAnimationFrame === 'function') {
    const handle = globalThis.requestAnimationFrame(() => callback());
    return () => globalThis.cancelAnimationFrame(handle);
  }
  const handle = globalThis.setTimeout(callback, 16);
  return () => globalThis.clearTimeout(handle);
};

/** Frames on a timer: deterministic under fake timers. */
export function timerFrames(intervalMs = 16): FrameSource {
  return (callback) => {
    const handle = globalThis.setTimeout(callback, intervalMs);
    return () => globalThis.clearTimeout(handle);
  };
}

/** `source`, or after `ms` at the latest, whichever comes first; the callback runs once. */
export function withBackstop(source: FrameSource, ms: number): FrameSource {
  return (callback) => {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      cancelFrame();
      globalThis.clearTimeout(timer);
      callback();
    };
    const cancelFrame = source(run);
    const timer = globalThis.setTimeout(run, ms);
    return () => {
      done = true;
      cancelFrame();
      globalThis.clearTimeout(timer);
    };
  };
}

/**
 * The store's flush: one animation frame, with a timer as a backstop, since a hidden tab gets no
 * frames and the batch must not grow for as long as the tab stays hidden.
 */
export const frameScheduler: FrameSource = withBackstop(animationFrames, 250);

/** In a microtask: for tests and for contexts with no frames. */
export const microtaskScheduler: FrameSource = (callback) => {
  let cancelled = false;
  queueMicrotask(() => {
    if (!cancelled) callback();
  });
  return () => {
    cancelled = true;
  };
};
