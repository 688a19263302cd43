import { afterEach, beforeAll, beforeEach, vi } from 'vitest';

/**
 * The setup every metric-panel test file shares: the lazily imported chart loaded once (so
 * React.lazy resolves in a microtask under fake timers), and fake timers from `now` per test.
 */
export function panelTestClock(now: number): void {
  beforeAll(async () => {
    await import('../../src/ui/metrics/MetricChart');
  });
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());
}

/** A clock time as the panels write it in English ("10:42:10"). */
export const clockText = (ts: number): string =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(ts));
