import { describe, expect, it } from 'vitest';
import { applyEvents, createDashboardStore } from '../../src/store';
import { offsetText } from '../../src/store/data-problems';
import { connectionFixture, metricsEvent } from '../support/fixtures';

const NOW = Date.UTC(2026, 1, 7, 5, 0, 0);
const YEAR_MS = 365.25 * 24 * 3_600_000;

describe('how far off a refused sample was', () => {
  it('says it in the largest unit that fits, ahead or behind', () => {
    expect(offsetText(10 * YEAR_MS)).toBe("10 years ahead of this client's clock");
    expect(offsetText(-3 * 24 * 3_600_000)).toBe("3 days behind this client's clock");
    expect(offsetText(6 * 60_000 + 20_000)).toBe("6 min ahead of this client's clock");
    expect(offsetText(-16 * 60_000)).toBe("16 min behind this client's clock");
    expect(offsetText(2_400)).toBe("2 s ahead of this client's clock");
    expect(offsetText(-400)).toBe("400 ms behind this client's clock");
  });

  it('writes a microsecond stamp and a second stamp in years a person can read', () => {
    const store = createDashboardStore();
    const samples = [
      { name: 'temp', ts: NOW * 1_000, value: 1 },
      { name: 'temp', ts: Math.floor(NOW / 1_000), value: 2 },
    ];
    applyEvents(store, [metricsEvent(samples)], connectionFixture(), { now: () => NOW });
    const { last } = store.getState().dataProblems;
    expect(last.get('sample_future')?.detail).toBe(
      "temp: stamped 56,046 years ahead of this client's clock",
    );
    expect(last.get('sample_too_old')?.detail).toBe(
      "temp: stamped 56 years behind this client's clock",
    );
  });
});
