import { act } from '@testing-library/react';
import { vi } from 'vitest';
import { applyEvents, type DashboardStore } from '../../src/store';
import type { ConnectionSnapshot } from '../../src/realtime';
import { metricsEvent } from './fixtures';

/** Advance fake time inside act, letting React and the timers it triggers settle. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** The `d` of a metric panel's drawn line ('' when none). */
export function lineOf(metric: string): string {
  return (
    document
      .querySelector(`[data-metric="${metric}"] path.recharts-line-curve`)
      ?.getAttribute('d') ?? ''
  );
}

/** Points in a drawn line: `M` then one `L` per further point. */
export function pointsOf(metric: string): number {
  const d = lineOf(metric);
  return d.startsWith('M') ? d.split(/[ML]/).filter((part) => part.trim() !== '').length : 0;
}

/** One sample of `name` at `ts`, applied as its own store commit. */
export function push(
  store: DashboardStore,
  name: string,
  ts: number,
  value: number,
  connection: ConnectionSnapshot | null = null,
  unit = '°C',
): void {
  act(() => applyEvents(store, [metricsEvent([{ name, ts, value, unit }])], connection));
}

/** `count` samples one `stepMs` apart ending at `endTs`, in one commit. */
export function pushHistory(
  store: DashboardStore,
  name: string,
  endTs: number,
  count: number,
  stepMs: number,
  value: (i: number) => number,
  unit = '°C',
): void {
  const events = Array.from({ length: count }, (_, i) =>
    metricsEvent([{ name, ts: endTs - (count - 1 - i) * stepMs, value: value(i), unit }]),
  );
  act(() => applyEvents(store, events, null));
}
