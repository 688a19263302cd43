import { describe, expect, it } from 'vitest';
import {
  REDRAW_MEASURE,
  RedrawScheduler,
  type FrameSource,
  type RedrawTiming,
} from '../../../src/ui/shared/redraw-scheduler';

/** Frames the test steps by hand, 16 ms apart. */
function manualClock() {
  let time = 0;
  let pending: (() => void) | null = null;
  const frames: FrameSource = (callback) => {
    pending = callback;
    return () => (pending = null);
  };
  return {
    frames,
    now: () => time,
    pending: () => pending !== null,
    /** Time passes with no frame (a hidden tab gets none). */
    advance(ms: number) {
      time += ms;
    },
    step(count = 1) {
      for (let i = 0; i < count; i++) {
        time += 16;
        const run = pending;
        pending = null;
        run?.();
      }
    },
  };
}

/** A chart whose data changes whenever the test says; it records the frame of each redraw. */
function chart(clock: ReturnType<typeof manualClock>) {
  let version = 0;
  let drawn = 0;
  const frames: number[] = [];
  return {
    drawable: {
      isDirty: () => version !== drawn,
      redraw: () => {
        drawn = version;
        frames.push(clock.now());
      },
    },
    change: () => version++,
    frames,
  };
}

describe('RedrawScheduler', () => {
  it('redraws a chart at most once per interval however fast its data changes', () => {
    const clock = manualClock();
    const scheduler = new RedrawScheduler({
      frames: clock.frames,
      now: clock.now,
      minIntervalMs: 250,
    });
    const a = chart(clock);
    scheduler.register(a.drawable);
    // One second of frames with new data before every frame.
    for (let i = 0; i < 62; i++) {
      a.change();
      scheduler.wake();
      clock.step();
    }
    expect(a.frames.length).toBeGreaterThanOrEqual(3);
    expect(a.frames.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < a.frames.length; i++)
      expect(a.frames[i]! - a.frames[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it('keeps the redraw rate when the message rate rises tenfold', () => {
    /** Two seconds of 16 ms frames; each message marks the chart dirty and wakes the scheduler. */
    const run = (messagesPerSecond: number) => {
      const clock = manualClock();
      const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now });
      const a = chart(clock);
      scheduler.register(a.drawable);
      const sentAt = (n: number) => (n * 1_000) / messagesPerSecond;
      let messages = 0;
      while (clock.now() <= 2_000) {
        while (sentAt(messages) <= clock.now() && sentAt(messages) < 2_000) {
          a.change();
          scheduler.wake();
          messages++;
        }
        clock.step();
      }
      return { messages, redraws: scheduler.redraws };
    };
    const slow = run(10);
    const fast = run(100);
    const faster = run(1_000);
    expect([slow.messages, fast.messages, faster.messages]).toEqual([20, 200, 2_000]);
    // At most 4 redraws a second however many messages: the same count at every rate.
    expect(slow.redraws).toBeLessThanOrEqual(9);
    expect(slow.redraws).toBeGreaterThanOrEqual(7);
    expect(fast.redraws).toBe(slow.redraws);
    expect(faster.redraws).toBe(slow.redraws);
  });

  it('staggers charts so no two redraw in the same frame', () => {
    const clock = manualClock();
    const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now });
    const charts = [chart(clock), chart(clock), chart(clock), chart(clock)];
    charts.forEach((c) => scheduler.register(c.drawable));
    for (let i = 0; i < 120; i++) {
      charts.forEach((c) => c.change());
      scheduler.wake();
      clock.step();
    }
    const all = charts.flatMap((c) => c.frames);
    expect(new Set(all).size).toBe(all.length);
    // Every chart still gets its turn.
    for (const c of charts) expect(c.frames.length).toBeGreaterThanOrEqual(6);
  });

  it('does not redraw a chart that is off screen, and catches it up when it returns', () => {
    const clock = manualClock();
    const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now });
    const a = chart(clock);
    const handle = scheduler.register(a.drawable);
    handle.setVisible(false);
    for (let i = 0; i < 60; i++) {
      a.change();
      scheduler.wake();
      clock.step();
    }
    expect(a.frames).toEqual([]);
    handle.setVisible(true);
    clock.step();
    expect(a.frames).toHaveLength(1);
  });

  it('freezes every chart while paused and catches up at once on resume', () => {
    const clock = manualClock();
    const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now });
    const a = chart(clock);
    const b = chart(clock);
    scheduler.register(a.drawable);
    scheduler.register(b.drawable);
    scheduler.setPaused(true);
    for (let i = 0; i < 60; i++) {
      a.change();
      b.change();
      scheduler.wake();
      clock.step();
    }
    expect(scheduler.redraws).toBe(0);
    expect(clock.pending()).toBe(false);
    scheduler.setPaused(false);
    clock.step();
    // Both in the one frame after the resume.
    expect(a.frames).toHaveLength(1);
    expect(b.frames).toEqual(a.frames);
  });

  it('keeps each chart to its interval when catching up', () => {
    const clock = manualClock();
    const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now });
    const a = chart(clock);
    scheduler.register(a.drawable);
    a.change();
    scheduler.wake();
    clock.step();
    expect(a.frames).toHaveLength(1);
    // Paused and resumed at once: the resume's catch-up does not redraw a chart drawn 16 ms ago.
    scheduler.setPaused(true);
    a.change();
    scheduler.setPaused(false);
    clock.step();
    expect(a.frames).toHaveLength(1);
    clock.step(16);
    expect(a.frames).toHaveLength(2);
    expect(a.frames[1]! - a.frames[0]!).toBeGreaterThanOrEqual(250);
  });

  it('brings every waiting chart up to date in the first frame after frames stopped (a hidden tab)', () => {
    const clock = manualClock();
    const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now });
    const charts = [chart(clock), chart(clock), chart(clock), chart(clock)];
    charts.forEach((c) => scheduler.register(c.drawable));
    clock.step(4);
    charts.forEach((c) => c.change());
    scheduler.wake();
    // Hidden: the frame asked for does not come while data keeps changing.
    clock.advance(30_000);
    charts.forEach((c) => c.change());
    scheduler.wake();
    clock.step();
    const shownAt = clock.now();
    for (const c of charts) expect(c.frames.at(-1)).toBe(shownAt);
    expect(clock.pending()).toBe(false);
  });

  it('asks for no frames when nothing changed', () => {
    const clock = manualClock();
    const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now });
    const a = chart(clock);
    scheduler.register(a.drawable);
    clock.step();
    expect(clock.pending()).toBe(false);
  });

  it('measures each redraw as a User Timing entry and keeps none in the timeline', () => {
    const clock = manualClock();
    let at = 100;
    const measured: { name: string; start: number; end: number }[] = [];
    let kept = 0;
    const timing: RedrawTiming = {
      now: () => at,
      measure: (name, options) => {
        const start = typeof options === 'object' ? (options.start as number) : 0;
        measured.push({ name, start, end: at });
        kept++;
        return undefined as unknown as PerformanceMeasure;
      },
      clearMeasures: (name) => {
        if (name === REDRAW_MEASURE) kept = 0;
      },
    };
    const scheduler = new RedrawScheduler({ frames: clock.frames, now: clock.now, timing });
    const a = chart(clock);
    scheduler.register({
      isDirty: a.drawable.isDirty,
      redraw: () => {
        at += 2.5;
        a.drawable.redraw();
      },
    });
    a.change();
    scheduler.wake();
    clock.step();
    expect(measured).toEqual([{ name: REDRAW_MEASURE, start: 100, end: 102.5 }]);
    expect(kept).toBe(0);
  });
});
