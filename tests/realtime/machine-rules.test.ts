import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src/realtime';
import {
  deadlineVerdict,
  deliveryRoute,
  goesOfflineFrom,
  lineIsDead,
  probeDelay,
  wasHealthy,
} from '../../src/realtime/machine-rules';
import { CONFIG, given, NOW } from './machine-table';

describe('connection machine rules', () => {
  it.each([
    [29_999, false],
    [30_000, true],
    [3_600_000, true],
  ])('a line silent for %i ms at a 15 s beat is dead: %s', (silence, isDead) => {
    expect(lineIsDead(NOW, NOW - silence, 15_000)).toBe(isDead);
  });

  it('re-arms a living line for two beats after its last frame', () => {
    expect(deadlineVerdict(NOW, NOW - 1_000, 1_000, null)).toEqual({
      dead: false,
      rearmInMs: 1_000,
    });
  });

  it('fails a line check that nothing answered, even inside two beats', () => {
    expect(deadlineVerdict(NOW, NOW - 500, 15_000, NOW - 400)).toEqual({ dead: true });
    expect(deadlineVerdict(NOW, NOW - 400, 15_000, NOW - 400).dead).toBe(false);
  });

  it('calls a line healthy after the backoff reset period, not before', () => {
    expect(wasHealthy(given('live', { healthySince: NOW - 10_000 }), NOW)).toBe(true);
    expect(wasHealthy(given('live', { healthySince: NOW - 9_999 }), NOW)).toBe(false);
    expect(wasHealthy(given('backoff', { healthySince: null }), NOW)).toBe(false);
  });

  it('spreads probes over the probe interval ±20 %', () => {
    expect(probeDelay(CONFIG, 0)).toBeCloseTo(48_000);
    expect(probeDelay(CONFIG, 1)).toBeCloseTo(72_000);
  });

  it.each<[ConnectionState, string | null, ReturnType<typeof deliveryRoute>]>([
    ['live', 's1', 'socket'],
    ['polling', 's1', 'http'],
    ['polling', null, null],
    ['connecting', 's1', null],
    ['backoff', 's1', null],
  ])('sends while %s (session %s) by %s', (state, sessionId, route) => {
    expect(deliveryRoute({ state, sessionId })).toBe(route);
  });

  it.each<[ConnectionState, boolean]>([
    ['live', true],
    ['backoff', true],
    ['idle', true],
    ['stopped', false],
    ['closed', false],
    ['offline', false],
  ])('the network going away moves %s to offline: %s', (state, moves) => {
    expect(goesOfflineFrom(state)).toBe(moves);
  });
});
