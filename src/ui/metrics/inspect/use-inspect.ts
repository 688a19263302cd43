import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Point } from '../../../store';
import { InspectStore } from './inspect-store';
import { nearestIndex, stepIndex } from './nearest';

/**
 * A panel's chart inspection: the store its chart layer and readout share, and what the chart's
 * focusable element needs (tab stop, keys, description). The returned props are stable across
 * redraws: the points are read from the panel's frames when a key is pressed.
 */
export function useInspect(frames: { get(): { readonly points: readonly Point[] } }) {
  const [store] = useState(() => new InspectStore());
  const id = useId();
  const ids = useMemo(() => ({ tooltip: `${id}-tooltip`, hint: `${id}-hint` }), [id]);

  // A touch inspection stays after the finger lifts; a touch anywhere else on the page ends it.
  // Listened for only while the pointer inspects: a page of idle charts adds no listeners.
  useEffect(() => {
    const onDown = (event: globalThis.PointerEvent) => {
      if (!store.isOwn(event)) store.clear();
    };
    let listening = false;
    const follow = () => {
      const want = store.getTarget()?.by === 'pointer';
      if (want === listening) return;
      listening = want;
      if (want) document.addEventListener('pointerdown', onDown);
      else document.removeEventListener('pointerdown', onDown);
    };
    const off = store.subscribe(follow);
    return () => {
      off();
      document.removeEventListener('pointerdown', onDown);
    };
  }, [store]);

  const chartProps = useMemo(
    () => ({
      tabIndex: 0,
      'aria-describedby': ids.hint,
      onKeyDown(event: KeyboardEvent<HTMLElement>) {
        if (event.key === 'Escape') {
          if (store.getTarget()) {
            store.clear();
            event.preventDefault();
          }
          return;
        }
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        const current = frames.get().points;
        const target = store.getTarget();
        const index =
          target?.by === 'keyboard'
            ? nearestIndex(current, target.ts)
            : (store.getView()?.index ?? -1);
        const next = stepIndex(index, event.key, current.length);
        const point = next === null ? undefined : current[next];
        if (!point) return;
        event.preventDefault();
        store.setTarget({ by: 'keyboard', ts: point.ts });
      },
      onBlur() {
        if (store.getTarget()?.by === 'keyboard') store.clear();
      },
    }),
    [store, ids, frames],
  );
  return { store, ids, chartProps };
}
