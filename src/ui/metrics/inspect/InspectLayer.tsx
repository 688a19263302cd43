import { useLayoutEffect, useMemo, useSyncExternalStore, type PointerEvent } from 'react';
import { useChartHeight, useChartWidth, usePlotArea } from 'recharts';
import { timeDomainOf } from '../chart-geometry';
import type { PointsFeed } from '../LiveSeries';
import type { InspectStore, InspectView } from './inspect-store';
import { nearestIndex } from './nearest';

/**
 * The crosshair over a chart and the surface that hears the pointer, drawn inside recharts' SVG
 * from the same plot area and domains as the line, so the marker sits exactly on it.
 *
 * Why not recharts' Tooltip and cursor: they keep the active point in recharts' store, and every
 * pointer move re-renders the whole chart, axes and line included. This layer keeps its own
 * state (InspectStore): a move re-renders this layer and the readout, nothing else, and while
 * nobody inspects it is one transparent rectangle that costs nothing per redraw: it takes the
 * panel's frames only while a point is inspected.
 */
export function InspectLayer({ inspect, feed }: { inspect: InspectStore; feed: PointsFeed }) {
  const area = usePlotArea();
  const width = useChartWidth() ?? 0;
  const height = useChartHeight() ?? 0;
  const target = useSyncExternalStore(inspect.subscribe, inspect.getTarget);
  const { points, valueAxis } = useSyncExternalStore(target ? feed.subscribe : ignore, feed.get);
  const valueDomain = valueAxis.domain;
  const timeDomain = useMemo(() => timeDomainOf(points), [points]);

  const view = useMemo((): InspectView | null => {
    if (!area || !target || points.length === 0) return null;
    const [from, to] = timeDomain;
    const [low, high] = valueDomain;
    const span = to - from;
    const ts =
      target.by === 'keyboard'
        ? target.ts
        : span > 0 && area.width > 0
          ? from + ((target.x - area.x) / area.width) * span
          : from;
    const index = nearestIndex(points, ts);
    const point = points[index];
    if (!point) return null;
    const x = area.x + (span > 0 ? ((point.ts - from) / span) * area.width : 0);
    const y =
      area.y + area.height - (high > low ? ((point.value - low) / (high - low)) * area.height : 0);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    return { by: target.by, index, point, x, y, width, height };
  }, [area, target, points, timeDomain, valueDomain, width, height]);

  useLayoutEffect(() => inspect.setView(view), [inspect, view]);
  // A chart that goes away (no data, unmounted) leaves no tooltip behind.
  useLayoutEffect(() => () => inspect.setView(null), [inspect]);

  if (!area) return null;
  const onPointer = (event: PointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.ownerSVGElement?.getBoundingClientRect();
    if (box) inspect.setTarget({ by: 'pointer', x: event.clientX - box.left });
  };
  const onLeave = (event: PointerEvent<SVGRectElement>) => {
    // A finger lifts off the screen to read what it touched: the tooltip stays until the next touch
    // elsewhere or Escape. A mouse leaving ends inspection.
    if (event.pointerType !== 'touch' && inspect.getTarget()?.by === 'pointer') inspect.clear();
  };
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return (
    <g className="inspect-layer">
      {view && (
        <g className="inspect-layer__crosshair" aria-hidden="true">
          <line
            x1={view.x}
            x2={view.x}
            y1={area.y}
            y2={area.y + area.height}
            stroke="var(--muted)"
            strokeDasharray="3 3"
          />
          <line
            x1={area.x}
            x2={area.x + area.width}
            y1={clamp(view.y, area.y, area.y + area.height)}
            y2={clamp(view.y, area.y, area.y + area.height)}
            stroke="var(--muted)"
            strokeDasharray="3 3"
          />
          <circle
            cx={view.x}
            cy={view.y}
            r={4.5}
            fill="var(--chart-line)"
            stroke="var(--surface)"
            strokeWidth={2}
          />
        </g>
      )}
      <rect
        className="inspect-layer__surface"
        x={area.x}
        y={area.y}
        width={Math.max(0, area.width)}
        height={Math.max(0, area.height)}
        fill="transparent"
        onPointerMove={onPointer}
        onPointerDown={(event) => {
          inspect.claim(event.nativeEvent);
          onPointer(event);
        }}
        onPointerLeave={onLeave}
      />
    </g>
  );
}

const ignore = () => () => {};
