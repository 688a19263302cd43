import { useEffect, useState } from 'react';
import type { FrameSource } from '../shared/redraw-scheduler';

/**
 * Panels one commit may add. A backend that invents a name per sample can bring up to the
 * store's series cap (1,000) at once; mounting them in one commit would block the page for
 * seconds. In steps, each frame's commit stays short and the page keeps answering in between.
 */
export const PANELS_PER_FRAME = 24;

/** The first names to show now; one more step of them each frame until all are shown. */
export function usePanelsInSteps(
  names: readonly string[],
  frames: FrameSource,
  step = PANELS_PER_FRAME,
): readonly string[] {
  const [shown, setShown] = useState(() => Math.min(names.length, step));
  const total = names.length;
  useEffect(() => {
    if (shown >= total) return;
    return frames(() => setShown((count) => Math.min(total, count + step)));
  }, [shown, total, frames, step]);
  return shown >= total ? names : names.slice(0, shown);
}
