/**
 * The value (y) axis of a live chart: round bounds and round ticks, like recharts' `auto`
 * domain, but steady. The axis keeps its bounds while the data stays inside them and still
 * fills a fair share of them, so a redraw moves only the line, not the axis, its labels and
 * every limit line with it; an axis that changed on every redraw would rewrite all of them each
 * time and make the scale jitter under the operator's eyes.
 */
export type ValueAxis = { domain: readonly [number, number]; ticks: readonly number[] };

/** About this many ticks, as recharts' default `tickCount`. */
const TICKS = 5;
/** Data spanning less than this share of the axis makes it rescale to fit more tightly. */
const MIN_FILL = 0.4;

/**
 * @param values  the extent to show: the data's min and max, and any limit lines
 * @param integer whole-number series get whole-number ticks
 * @param previous the axis the chart shows now, kept when it still fits
 *
 * @example
 * valueAxis([3.2, 7.9], false, null) // { domain: [2, 8], ticks: [2, 4, 6, 8] }
 */
export function valueAxis(
  [min, max]: readonly [number, number],
  integer: boolean,
  previous: ValueAxis | null,
): ValueAxis {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max)
    return previous ?? { domain: [0, 1], ticks: [0, 1] };
  if (previous && fits(previous.domain, min, max)) return previous;
  if (min === max) {
    // A flat line sits in the middle of a small round range, not on an axis of zero height.
    const pad = min === 0 ? 1 : niceStep(Math.abs(min) / 50, integer);
    return niceAxis(min - pad, max + pad, integer);
  }
  return niceAxis(min, max, integer);
}

/** Equal bounds and ticks: nothing on screen would differ. */
export function sameValueAxis(a: ValueAxis, b: ValueAxis): boolean {
  return (
    a === b ||
    (a.domain[0] === b.domain[0] &&
      a.domain[1] === b.domain[1] &&
      a.ticks.length === b.ticks.length &&
      a.ticks.every((tick, i) => tick === b.ticks[i]))
  );
}

function fits([lo, hi]: readonly [number, number], min: number, max: number): boolean {
  if (min < lo || max > hi) return false;
  const span = hi - lo;
  return span <= 0 || (max - min) / span >= MIN_FILL;
}

function niceAxis(min: number, max: number, integer: boolean): ValueAxis {
  const step = niceStep((max - min) / (TICKS - 1), integer);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Multiply, never accumulate: 0.1 + 0.2 would drift the labels.
  for (let i = 0; lo + i * step <= hi + step / 2 && i <= 4 * TICKS; i++)
    ticks.push(round(lo + i * step, step));
  return { domain: [round(lo, step), round(hi, step)], ticks };
}

/** 1, 2, 2.5 or 5 times a power of ten; at least 1 for whole numbers. */
function niceStep(raw: number, integer: boolean): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // 2.5 is round only from 25 up when ticks must be whole numbers.
  const quarter = !integer || power >= 10;
  const nice =
    fraction <= 1
      ? 1
      : fraction <= 2
        ? 2
        : quarter && fraction <= 2.5
          ? 2.5
          : fraction <= 5
            ? 5
            : 10;
  return integer ? Math.max(1, nice * power) : nice * power;
}

/** Cuts floating-point dust off a multiple of `step` (2.4000000000000004 -> 2.4). */
function round(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 12)));
}
