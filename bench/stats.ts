/** Small statistics helpers for the benchmark's samples. */

/** Nearest-rank percentile (p in 0..100); NaN for no samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function max(values: readonly number[]): number {
  let out = Number.NaN;
  for (const value of values) if (!(value <= out)) out = value;
  return out;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

export function sum(values: readonly number[]): number {
  let out = 0;
  for (const value of values) out += value;
  return out;
}

/** Resolves after `ms`: only for measurement windows of fixed length, never to wait for a state. */
export const hold = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
