/**
 * Process capability of a window of individual values against the specification limits.
 *
 * σ is the window's sample standard deviation (n − 1 in the denominator): the overall spread of
 * what the operator sees, drifts included. Textbooks call indices from that estimate Pp/Ppk and
 * keep Cp/Cpk for the within-subgroup σ (for individuals, the mean moving range / 1.128); the
 * dashboard says Cp/Cpk, as its operators do, and this comment says which σ it is.
 *
 * - Cp = (USL − LSL) / 6σ, only with both limits.
 * - Cpk = min(USL − mean, mean − LSL) / 3σ; with one limit, the index of that side alone.
 */
export type SpecLimits = { usl?: number | undefined; lsl?: number | undefined };

export type Capability = {
  /** The samples the numbers rest on (finite values of the window). */
  n: number;
  mean: number | null;
  /** Sample standard deviation; null below two samples. */
  sigma: number | null;
  cp: number | null;
  cpk: number | null;
  /** Why an index is missing, when one is. */
  missing: 'no-spec' | 'too-few' | 'no-variation' | null;
};

/** Fewer samples than this give an index, but not one to trust: callers may say so. */
export const MIN_CAPABILITY_SAMPLES = 2;

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * @example
 * capability([9, 10, 11], { usl: 13, lsl: 7 }) // { n: 3, mean: 10, sigma: 1, cp: 1, cpk: 1, … }
 */
export function capability(values: ArrayLike<number>, spec: SpecLimits): Capability {
  // Welford: one pass, and no catastrophic cancellation for values far from zero.
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    n++;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
  }
  let upper = finite(spec.usl) ? spec.usl : null;
  let lsl = finite(spec.lsl) ? spec.lsl : null;
  // Limits the wrong way round describe no specification: refuse them rather than show a negative Cp.
  if (upper !== null && lsl !== null && lsl >= upper) upper = lsl = null;
  const sigma = n >= 2 ? Math.sqrt(m2 / (n - 1)) : null;
  const base = { n, mean: n > 0 ? mean : null, sigma, cp: null, cpk: null };
  if (upper === null && lsl === null) return { ...base, missing: 'no-spec' };
  if (sigma === null) return { ...base, missing: 'too-few' };
  if (!(sigma > 0)) return { ...base, missing: 'no-variation' };
  const cpu = upper === null ? null : (upper - mean) / (3 * sigma);
  const cpl = lsl === null ? null : (mean - lsl) / (3 * sigma);
  const cp = upper !== null && lsl !== null ? (upper - lsl) / (6 * sigma) : null;
  const cpk = cpu === null ? cpl : cpl === null ? cpu : Math.min(cpu, cpl);
  return { ...base, cp, cpk, missing: null };
}
