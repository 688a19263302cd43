import type { FrameSource } from '../../store';

/**
 * Paces chart redraws. The data flows into the store at full rate while charts redraw a few times
 * a second at most: each chart no more often than `minIntervalMs`, one chart per frame
 * (staggered, so no frame pays for two), never while off-screen or paused. The redraw rate
 * depends on the frame rate and the number of charts, never on the message rate. The exception
 * is the first frame after frames stopped (a hidden tab shown again) or a resume: it redraws
 * every waiting chart, so one frame brings the screen up to date.
 */

export type { FrameSource };

/** What a chart gives the scheduler. */
export type Drawable = {
  /** Whether what the chart shows is out of date (new data, new window, new size). */
  isDirty(): boolean;
  /** Redraw now; called at most once per frame across all charts. */
  redraw(): void;
};

export type ChartHandle = {
  setVisible(visible: boolean): void;
  /** Something `isDirty` cannot see changed: look again soon. */
  wake(): void;
  unregister(): void;
};

export type RedrawSchedulerOptions = {
  frames: FrameSource;
  now: () => number;
  /** Shortest time between two redraws of one chart (default 250 ms: 4 per second). */
  minIntervalMs?: number;
  /** Where each redraw's duration goes (default: the page's User Timing); null for none. */
  timing?: RedrawTiming | null;
};

/**
 * A User Timing measure (`REDRAW_MEASURE`) per redraw, for the benchmark's cost per redraw and
 * DevTools. Cleared from the timeline at once, so days of redraws keep nothing; observers still
 * get each one.
 */
export type RedrawTiming = Pick<Performance, 'now' | 'measure' | 'clearMeasures'>;

export const REDRAW_MEASURE = 'pulseboard:redraw';

/** A frame this late after it was asked for means frames had stopped (a hidden tab). */
export const CATCH_UP_AFTER_MS = 1_000;

const pageTiming = (): RedrawTiming | null =>
  typeof performance === 'object' && typeof performance.measure === 'function' ? performance : null;

type Entry = { drawable: Drawable; visible: boolean; lastDrawnAt: number };

export class RedrawScheduler {
  /** Redraws so far (a diagnostic for tests and the benchmark). */
  redraws = 0;
  private readonly entries = new Set<Entry>();
  private readonly listeners = new Set<() => void>();
  private readonly minIntervalMs: number;
  private readonly timing: RedrawTiming | null;
  private cancelFrame: (() => void) | null = null;
  /** When the pending frame was asked for: a frame that comes much later follows a hidden tab. */
  private requestedAt = 0;
  /** Redraw every waiting chart in the next frame (back from hidden, or resumed). */
  private catchUp = false;
  private paused = false;

  constructor(private readonly options: RedrawSchedulerOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 250;
    this.timing = options.timing === undefined ? pageTiming() : options.timing;
  }

  register(drawable: Drawable): ChartHandle {
    const entry: Entry = { drawable, visible: true, lastDrawnAt: Number.NEGATIVE_INFINITY };
    this.entries.add(entry);
    this.wake();
    return {
      setVisible: (visible) => {
        entry.visible = visible;
        if (visible) this.wake();
      },
      wake: () => this.wake(),
      unregister: () => {
        this.entries.delete(entry);
      },
    };
  }

  isPaused(): boolean {
    return this.paused;
  }

  /** Freeze every chart (the store keeps ingesting); resuming redraws the changed ones at once. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) this.halt();
    else {
      this.catchUp = true;
      this.wake();
    }
    for (const listener of this.listeners) listener();
  }

  /** For `useSyncExternalStore`: notified when pausing or resuming. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Data may have changed: make sure a frame is coming. Cheap to call on every store commit. */
  wake(): void {
    if (this.paused || this.cancelFrame) return;
    this.requestedAt = this.options.now();
    this.cancelFrame = this.options.frames(() => this.frame());
  }

  /** Cancel the frame in flight (unmounting); the next `wake` starts again. */
  halt(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
  }

  private frame(): void {
    this.cancelFrame = null;
    if (this.paused) return;
    const now = this.options.now();
    // Frames stopped (a hidden tab gets none) or the view was paused: what is on screen is old,
    // so this one frame brings every waiting chart up to date. Redraws no longer render React,
    // so several in one frame cost a few milliseconds, not a dropped frame.
    const all = this.catchUp || now - this.requestedAt > CATCH_UP_AFTER_MS;
    this.catchUp = false;
    const chosen: Entry[] = [];
    let waiting = 0;
    for (const entry of this.entries) {
      if (!entry.visible || !entry.drawable.isDirty()) continue;
      waiting++;
      // Even then, no chart more often than its interval: a main thread jammed for a second
      // must not turn into extra redraws.
      if (now - entry.lastDrawnAt < this.minIntervalMs) continue;
      if (all) {
        chosen.push(entry);
        continue;
      }
      // The chart that has waited longest goes first, so none starves behind busier ones.
      if (!chosen[0] || entry.lastDrawnAt < chosen[0].lastDrawnAt) chosen[0] = entry;
    }
    for (const entry of chosen) {
      entry.lastDrawnAt = now;
      this.redraws++;
      const started = this.timing?.now() ?? 0;
      entry.drawable.redraw();
      if (this.timing) {
        this.timing.measure(REDRAW_MEASURE, { start: started });
        this.timing.clearMeasures(REDRAW_MEASURE);
      }
      waiting--;
    }
    if (waiting > 0) this.wake();
  }
}
