import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnouncementBatch, type Batch } from '../../../src/ui/alerts/announcement-batch';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function batch(quietMs = 1_000, maxWaitMs = 4_000) {
  const said: Batch[] = [];
  const b = createAnnouncementBatch({
    quietMs,
    maxWaitMs,
    flush: (one) => said.push(one),
    setTimeout: (action, ms) => setTimeout(action, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
  });
  return { b, said };
}

describe('announcement batch', () => {
  it('says a lone alert once the line has been quiet, by its title', async () => {
    const { b, said } = batch();
    b.add('Door open in transit');
    await vi.advanceTimersByTimeAsync(999);
    expect(said).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(said).toEqual([{ count: 1, first: 'Door open in transit' }]);
  });

  it('says a burst once, as a count, after the last arrival of the burst', async () => {
    const { b, said } = batch();
    for (let i = 0; i < 5; i++) {
      b.add(`alert ${i}`);
      await vi.advanceTimersByTimeAsync(200);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(said).toEqual([{ count: 5, first: 'alert 0' }]);
  });

  it('says a storm that never pauses at the latest maxWaitMs after its first alert', async () => {
    const { b, said } = batch(1_000, 4_000);
    for (let i = 0; i < 60; i++) {
      b.add(`alert ${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    // 6 s of arrivals every 100 ms: one count at 4 s, the rest once the storm is over.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(said.map((s) => s.count)).toEqual([40, 20]);
  });

  it('says nothing after it is disposed', async () => {
    const { b, said } = batch();
    b.add('x');
    b.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(said).toEqual([]);
  });
});
