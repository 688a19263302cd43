const STEPS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000,
];

/**
 * Round times for a time axis: at most `maxTicks`, on whole seconds or minutes, so labels never
 * repeat ("05:00:08 05:00:08") while the window holds only a few seconds of data.
 */
export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
  const most = Math.max(1, Math.floor(maxTicks));
  const span = to - from;
  const step =
    STEPS_MS.find((s) => span / s <= most) ?? Math.ceil(span / most / 3_600_000) * 3_600_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to && ticks.length <= most; t += step)
    ticks.push(t);
  return ticks;
}
