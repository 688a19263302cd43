import { useMemo } from 'react';
import type { Point } from '../../../store';
import { useDashboardStore } from '../../shared/store-context';
import type { ControlWindow, SpcInfo } from './control-window';
import type { SpcEngine } from './use-spc-engine';

/** What of a panel's frame the control window needs: its window, width and newest point. */
export type ControlFrame = { windowMs: number; width: number; current: Point | null };

/**
 * The rules and capability over exactly the window a panel's frame shows (the samples from
 * `current.ts - windowMs` to `current.ts`), recomputed when the panel takes a new frame; null
 * for a metric without `spc`, and until the SPC chunk has loaded.
 */
export function useControlWindow(
  name: string,
  frame: ControlFrame,
  spc: SpcInfo | null,
  engine: SpcEngine | null,
): ControlWindow | null {
  const store = useDashboardStore();
  return useMemo(() => {
    if (!spc || !engine) return null;
    const buffer = store.getState().series.get(name)?.buffer;
    const { current, windowMs, width } = frame;
    if (!buffer || !current) return engine.NO_CONTROL_WINDOW;
    const from = buffer.lowerBound(current.ts - windowMs);
    // Samples that arrived since the frame was taken are the next frame's.
    let to = buffer.lowerBound(current.ts);
    while (to < buffer.size && buffer.tsAt(to) <= current.ts) to++;
    return engine.controlWindow(buffer, from, to, spc, width);
  }, [store, name, spc, frame, engine]);
}
