import { startTransition } from 'react';
import type { FrameSource } from '../../store';

/**
 * Lets costly mounts through one at a time, every other frame. A chart's first mount (recharts
 * builds its whole store) takes tens of milliseconds; when several panels come into view
 * together (a dashboard opening, a thousand new metrics, a scroll) they asked to mount in one
 * task, and the page did not answer for that long. Queued, a frame mounts `perFrame` of them,
 * oldest request first, and the next frame rests: mounts back to back kept the main thread
 * busy from one frame to the next, and a click or timer waited behind two of them. The metric
 * grid's steps (src/ui/metrics/use-panels-in-steps.ts) queue here too, so a frame adds panels or
 * mounts a chart, not both.
 *
 * Each mount's state change runs in a React transition (`inTransition`). An update made in a
 * frame callback is rendered in one go; a transition is rendered in slices of a few
 * milliseconds, with input and timers answered in between. In the hostile flood, such renders
 * (fifty placeholders more, a chart's first mount) were 30-45 ms of script in one task, and the
 * page's longest waits.
 */
export type MountQueue = {
  /** Calls `mount` in a coming frame; returns a cancel (for a panel that unmounts first). */
  request(mount: () => void): () => void;
  /** Drops every waiting request (the dashboard is going away). */
  clear(): void;
};

export function createMountQueue(
  frames: FrameSource,
  perFrame = 1,
  inTransition: (work: () => void) => void = startTransition,
): MountQueue {
  // A Set keeps insertion order and deletes in O(1): a cancel from a thousand panels is cheap.
  const waiting = new Set<() => void>();
  let cancelFrame: (() => void) | null = null;

  /** Whether the coming frame rests (the one before it mounted). */
  let rest = false;

  const frame = () => {
    cancelFrame = null;
    if (rest) {
      rest = false;
      if (waiting.size > 0) cancelFrame = frames(frame);
      return;
    }
    let granted = 0;
    for (const mount of waiting) {
      if (granted >= perFrame) break;
      waiting.delete(mount);
      granted++;
      inTransition(mount);
    }
    // After a mount the next frame rests, even with nothing waiting: a request made now waits.
    if (granted > 0) {
      rest = true;
      cancelFrame = frames(frame);
    }
  };

  return {
    request(mount) {
      // A fresh function per request, so the same callback asked twice is two entries.
      const entry = () => mount();
      waiting.add(entry);
      cancelFrame ??= frames(frame);
      return () => {
        waiting.delete(entry);
      };
    },
    clear() {
      waiting.clear();
      cancelFrame?.();
      cancelFrame = null;
      rest = false;
    },
  };
}
