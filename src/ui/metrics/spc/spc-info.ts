import type { SpcInfo } from './control-window';

export type ControlLimits = { cl: number; ucl: number; lcl: number };

/** Whether the limits can carry zones: finite, and `lcl < cl < ucl`. */
export function validControlLimits(limits: ControlLimits): boolean {
  const { cl, ucl, lcl } = limits;
  return (
    Number.isFinite(cl) &&
    Number.isFinite(ucl) &&
    Number.isFinite(lcl) &&
    lcl < cl &&
    cl < ucl &&
    // (ucl - cl) / 3 must not vanish into rounding.
    Number.isFinite(ucl - cl) &&
    Number.isFinite(cl - lcl)
  );
}

const finiteOrUndefined = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/**
 * A metric description's `spc`, or null when it has none the maths can use. The catalogue is
 * validated where it arrives; this is the control chart's own precondition (σ from `ucl - cl`
 * must be positive), so a description that slips through draws a plain line, never a NaN zone.
 */
export function spcOf(info: unknown): SpcInfo | null {
  if (typeof info !== 'object' || info === null || !Object.hasOwn(info, 'spc')) return null;
  return validSpc((info as { spc?: unknown }).spc);
}

/** `spc` itself checked the same way (see `spcOf`). */
export function validSpc(spc: unknown): SpcInfo | null {
  if (typeof spc !== 'object' || spc === null) return null;
  const raw = spc as Record<string, unknown>;
  const cl = finiteOrUndefined(raw.cl);
  const ucl = finiteOrUndefined(raw.ucl);
  const lcl = finiteOrUndefined(raw.lcl);
  if (cl === undefined || ucl === undefined || lcl === undefined) return null;
  if (!validControlLimits({ cl, ucl, lcl })) return null;
  return { cl, ucl, lcl, usl: finiteOrUndefined(raw.usl), lsl: finiteOrUndefined(raw.lsl) };
}
