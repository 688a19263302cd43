import type { Point } from '../../../store';

/**
 * The point of a time-ordered series nearest to `ts` (-1 when there is none), by binary search:
 * a pointer move over a chart of a thousand points looks at ten of them, not a thousand. On a
 * tie the earlier point wins, so the answer does not flicker between two.
 */
export function nearestIndex(points: readonly Point[], ts: number): number {
  if (points.length === 0 || Number.isNaN(ts)) return -1;
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  if (lo === points.length) return points.length - 1;
  return ts - points[lo - 1]!.ts <= points[lo]!.ts - ts ? lo - 1 : lo;
}

/** Keys that move the inspected point, and how far a page key jumps (a tenth of the chart). */
const PAGE_SHARE = 0.1;

/**
 * Where a key moves the inspected point among `length` points, or null for a key that does not
 * move it. With nothing inspected yet (`index` -1) every movement key starts at the newest point,
 * the one the operator is watching, except Home, which goes to the oldest.
 */
export function stepIndex(index: number, key: string, length: number): number | null {
  if (length <= 0) return null;
  const last = length - 1;
  const page = Math.max(1, Math.round(length * PAGE_SHARE));
  const from = index < 0 || index > last ? -1 : index;
  let next: number;
  switch (key) {
    case 'ArrowLeft':
      next = from < 0 ? last : from - 1;
      break;
    case 'ArrowRight':
      next = from < 0 ? last : from + 1;
      break;
    case 'PageUp':
      next = from < 0 ? last : from - page;
      break;
    case 'PageDown':
      next = from < 0 ? last : from + page;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = last;
      break;
    default:
      return null;
  }
  return Math.min(last, Math.max(0, next));
}
