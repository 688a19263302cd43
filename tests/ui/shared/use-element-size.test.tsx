import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useElementSize } from '../../../src/ui/shared/use-element-size';

function Probe() {
  const [ref, size] = useElementSize<HTMLDivElement>({ width: 1, height: 2 });
  return <div ref={ref} data-testid="probe">{`${size.width}x${size.height}`}</div>;
}

type Callback = (entries: Partial<ResizeObserverEntry>[]) => void;

/** A ResizeObserver the test reports through by hand. */
function fakeObserver() {
  const callbacks: Callback[] = [];
  const disconnect = vi.fn();
  class FakeResizeObserver {
    constructor(callback: Callback) {
      callbacks.push(callback);
    }
    observe() {}
    disconnect = disconnect;
  }
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  return {
    report: (entry: Partial<ResizeObserverEntry>) => act(() => callbacks.at(-1)?.([entry])),
    disconnect,
  };
}

describe('useElementSize', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('takes the size from the observer without forcing a layout on mount', () => {
    const forced = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect');
    const observer = fakeObserver();
    render(<Probe />);
    expect(screen.getByTestId('probe')).toHaveTextContent('1x2');
    observer.report({
      borderBoxSize: [{ inlineSize: 640.7, blockSize: 180.2 }],
      contentRect: { width: 1, height: 1 } as DOMRectReadOnly,
    });
    expect(screen.getByTestId('probe')).toHaveTextContent('640x180');
    expect(forced).not.toHaveBeenCalled();
  });

  it('falls back to the content rect where the border box is not reported', () => {
    const observer = fakeObserver();
    render(<Probe />);
    observer.report({ contentRect: { width: 300, height: 120 } as DOMRectReadOnly });
    expect(screen.getByTestId('probe')).toHaveTextContent('300x120');
  });

  it('keeps the last known size while the element is collapsed to nothing', () => {
    const observer = fakeObserver();
    render(<Probe />);
    observer.report({ borderBoxSize: [{ inlineSize: 500, blockSize: 100 }] });
    observer.report({ borderBoxSize: [{ inlineSize: 0, blockSize: 0 }] });
    expect(screen.getByTestId('probe')).toHaveTextContent('500x100');
  });

  it('stops observing when the element goes', () => {
    const observer = fakeObserver();
    const { unmount } = render(<Probe />);
    unmount();
    expect(observer.disconnect).toHaveBeenCalled();
  });
});
