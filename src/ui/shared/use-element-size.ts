import { useLayoutEffect, useRef, useState } from 'react';

export type Size = { width: number; height: number };

/**
 * The rendered size of an element, following resizes; `fallback` until it is known (or in tests).
 *
 * Read from ResizeObserver's entries, never `getBoundingClientRect()`: a read in a layout effect
 * forces a synchronous layout of the whole page, once per mounting panel. With a thousand
 * panels mounting (a backend inventing metric names) that was 1.6 s of forced layouts in ten.
 * The observer's first report comes after the browser's own layout, before paint, for every new
 * element at once.
 */
export function useElementSize<T extends HTMLElement>(fallback: Size) {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const take = (rawWidth: number, rawHeight: number) => {
      const width = Math.floor(rawWidth);
      const height = Math.floor(rawHeight);
      if (width <= 0 || height <= 0) return;
      setSize((previous) =>
        previous.width === width && previous.height === height ? previous : { width, height },
      );
    };
    if (typeof ResizeObserver === 'undefined') {
      const rect = element.getBoundingClientRect();
      take(rect.width, rect.height);
      return;
    }
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      const box = entry.borderBoxSize?.[0];
      if (box) take(box.inlineSize, box.blockSize);
      else take(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}
