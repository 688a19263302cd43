import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultEnvironment, EnvironmentProvider } from '../../../src/ui/shared/environment';
import {
  FrameFeed,
  useFeedFrame,
  useFeedSample,
  useFeedSelector,
} from '../../../src/ui/metrics/frame-feed';

type Frame = { version: number; axis: number };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function renderCounting(feed: FrameFeed<Frame>, use: (feed: FrameFeed<Frame>) => unknown) {
  const seen: unknown[] = [];
  function Probe() {
    seen.push(use(feed));
    return null;
  }
  render(
    <EnvironmentProvider environment={defaultEnvironment()}>
      <Probe />
    </EnvironmentProvider>,
  );
  return seen;
}

describe('FrameFeed', () => {
  it('re-renders a selector only when its selection changes, not on every frame', () => {
    const feed = new FrameFeed<Frame>({ version: 0, axis: 10 });
    const seen = renderCounting(feed, (f) =>
      useFeedSelector(
        f,
        (frame) => ({ axis: frame.axis }),
        (a, b) => a.axis === b.axis,
      ),
    );
    for (let version = 1; version <= 20; version++) act(() => feed.set({ version, axis: 10 }));
    expect(seen).toHaveLength(1);
    act(() => feed.set({ version: 21, axis: 20 }));
    expect(seen.at(-1)).toEqual({ axis: 20 });
    expect(seen).toHaveLength(2);
  });

  it('takes every frame only while asked to', () => {
    const feed = new FrameFeed<Frame>({ version: 0, axis: 0 });
    let enabled = false;
    const seen = renderCounting(feed, (f) => useFeedFrame(f, enabled));
    act(() => feed.set({ version: 1, axis: 0 }));
    expect(seen).toHaveLength(1);
    enabled = true;
    const following = renderCounting(feed, (f) => useFeedFrame(f, enabled));
    for (let version = 2; version <= 4; version++) act(() => feed.set({ version, axis: 0 }));
    expect(following.map((frame) => (frame as Frame).version)).toEqual([1, 2, 3, 4]);
    expect(seen).toHaveLength(1);
  });

  it('paces a sample to one render per interval, the first change at once, the newest frame last', async () => {
    const feed = new FrameFeed<Frame>({ version: 0, axis: 0 });
    const seen = renderCounting(feed, (f) => useFeedSample(f, 5_000));
    act(() => feed.set({ version: 1, axis: 0 }));
    expect(seen.map((frame) => (frame as Frame).version)).toEqual([0, 1]);
    // Four frames a second for 12 s: two more renders, each with the newest frame of its time.
    for (let i = 2; i <= 49; i++) {
      act(() => feed.set({ version: i, axis: 0 }));
      await act(() => vi.advanceTimersByTimeAsync(250));
    }
    const versions = seen.map((frame) => (frame as Frame).version);
    expect(versions.length).toBeLessThanOrEqual(4);
    expect(versions.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
  });

  it('takes no sample while the page is hidden, and the newest one when it is shown', async () => {
    let visibility: DocumentVisibilityState = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    const setVisibility = (next: DocumentVisibilityState) => {
      visibility = next;
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
    };
    const feed = new FrameFeed<Frame>({ version: 0, axis: 0 });
    const seen = renderCounting(feed, (f) => useFeedSample(f, 5_000));
    setVisibility('hidden');
    for (let i = 1; i <= 10; i++) {
      act(() => feed.set({ version: i, axis: 0 }));
      await act(() => vi.advanceTimersByTimeAsync(1_000));
    }
    expect(seen).toHaveLength(1);
    setVisibility('visible');
    expect(seen.map((frame) => (frame as Frame).version)).toEqual([0, 10]);
    vi.restoreAllMocks();
  });
});
