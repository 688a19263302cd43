import { useEffect, useState } from 'react';
import type { FrameSource } from '../shared/redraw-scheduler';

/**
 * How many panels one commit may add, given how many are shown. A backend that invents a name
 * per sample can bring up to the store's series cap (1,000) at once; mounting them in one commit
 * would block the page for seconds. In steps, each frame's commit stays short and the page keeps
 * answering in between. The first `eager` panels mount in full (a few milliseconds each), so
 * they come a few a frame; the rest start as placeholders (src/ui/shell/PanelGrid.tsx), cheap
 * enough to come by the dozen.
 */
export type PanelSteps = { eager: number; fullPerFrame: number; placeholdersPerFrame: number };

export const PANEL_STEPS: PanelSteps = { eager: 48, fullPerFrame: 4, placeholdersPerFrame: 50 };

const nextStep = (shown: number, steps: PanelSteps) =>
  shown < steps.eager
    ? Math.min(steps.eager, shown + steps.fullPerFrame)
    : shown + steps.placeholdersPerFrame;

/**
 * The first names to show now; one more step of them each time `frames` calls back (a frame, or
 * the dashboard's mount queue, which gives a frame to one costly mount at a time) until all are
 * shown.
 */
export function usePanelsInSteps(
  names: readonly string[],
  frames: FrameSource,
  steps: PanelSteps = PANEL_STEPS,
): readonly string[] {
  const [shown, setShown] = useState(() => Math.min(names.length, nextStep(0, steps)));
  const total = names.length;
  useEffect(() => {
    if (shown >= total) return;
    return frames(() => setShown((count) => Math.min(total, nextStep(count, steps))));
  }, [shown, total, frames, steps]);
  return shown >= total ? names : names.slice(0, shown);
}
