import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultEnvironment, EnvironmentProvider } from '../../../src/ui/shared/environment';
import { useNow } from '../../../src/ui/shared/use-now';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);
let visibility: DocumentVisibilityState = 'visible';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function setVisibility(next: DocumentVisibilityState) {
  visibility = next;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

describe('useNow', () => {
  it('ticks while the page is shown, not while it is hidden, and catches up when shown again', async () => {
    const renders: number[] = [];
    function Clock() {
      renders.push(useNow(1_000));
      return null;
    }
    render(
      <EnvironmentProvider environment={defaultEnvironment()}>
        <Clock />
      </EnvironmentProvider>,
    );
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    const shown = renders.length;
    expect(renders.at(-1)).toBe(T0 + 3_000);

    setVisibility('hidden');
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(renders).toHaveLength(shown);

    setVisibility('visible');
    expect(renders.at(-1)).toBe(T0 + 63_000);
  });
});
