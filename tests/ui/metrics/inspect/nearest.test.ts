import { describe, expect, it } from 'vitest';
import { nearestIndex, stepIndex } from '../../../../src/ui/metrics/inspect/nearest';

const at = (...ts: number[]) => ts.map((t) => ({ ts: t, value: t / 10 }));

describe('nearest point', () => {
  it('finds the point nearest a time, between, before and after the points', () => {
    const points = at(100, 200, 300, 400);
    expect(nearestIndex(points, 200)).toBe(1);
    expect(nearestIndex(points, 240)).toBe(1);
    expect(nearestIndex(points, 260)).toBe(2);
    expect(nearestIndex(points, -5_000)).toBe(0);
    expect(nearestIndex(points, 9_000)).toBe(3);
  });

  it('takes the earlier point on a tie, and the first of equal timestamps', () => {
    expect(nearestIndex(at(100, 200), 150)).toBe(0);
    expect(nearestIndex(at(100, 200, 200, 300), 200)).toBe(1);
  });

  it('finds nothing in an empty series or for a time that is not a number', () => {
    expect(nearestIndex([], 5)).toBe(-1);
    expect(nearestIndex(at(1, 2), Number.NaN)).toBe(-1);
  });

  it('agrees with a linear scan over a long series', () => {
    const points = at(...Array.from({ length: 1_000 }, (_, i) => i * 7 + (i % 3)));
    for (let ts = -10; ts < 7_100; ts += 13) {
      let best = 0;
      for (let i = 1; i < points.length; i++)
        if (Math.abs(points[i]!.ts - ts) < Math.abs(points[best]!.ts - ts)) best = i;
      expect(nearestIndex(points, ts)).toBe(best);
    }
  });
});

describe('keyboard movement', () => {
  it('moves one point with Left and Right, and stops at either end', () => {
    expect(stepIndex(5, 'ArrowLeft', 10)).toBe(4);
    expect(stepIndex(5, 'ArrowRight', 10)).toBe(6);
    expect(stepIndex(0, 'ArrowLeft', 10)).toBe(0);
    expect(stepIndex(9, 'ArrowRight', 10)).toBe(9);
  });

  it('jumps to the oldest with Home, the newest with End, a tenth with the page keys', () => {
    expect(stepIndex(5, 'Home', 10)).toBe(0);
    expect(stepIndex(5, 'End', 10)).toBe(9);
    expect(stepIndex(50, 'PageUp', 100)).toBe(40);
    expect(stepIndex(95, 'PageDown', 100)).toBe(99);
  });

  it('starts at the newest point when nothing is inspected yet, at the oldest with Home', () => {
    expect(stepIndex(-1, 'ArrowLeft', 10)).toBe(9);
    expect(stepIndex(-1, 'ArrowRight', 10)).toBe(9);
    expect(stepIndex(-1, 'Home', 10)).toBe(0);
    // A point that is gone (the window moved on) counts as nothing inspected.
    expect(stepIndex(12, 'ArrowLeft', 10)).toBe(9);
  });

  it('leaves other keys alone and does nothing without points', () => {
    expect(stepIndex(3, 'Enter', 10)).toBeNull();
    expect(stepIndex(3, 'ArrowUp', 10)).toBeNull();
    expect(stepIndex(-1, 'ArrowLeft', 0)).toBeNull();
  });
});
