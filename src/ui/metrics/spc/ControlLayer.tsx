import { usePlotArea } from 'recharts';
import type { ControlMark, RunLabel, SpcInfo } from './control-window';
import { ruleBit } from './western-electric';

export type ControlLineKind = 'cl' | 'ucl' | 'lcl' | 'usl' | 'lsl';

export type ControlLayerProps = {
  spc: SpcInfo;
  marks: readonly ControlMark[];
  labels: readonly RunLabel[];
  /** Already-translated text per line ("UCL 13"), and per rule tag ("R2"). */
  lineText: (kind: ControlLineKind, value: number) => string;
  ruleTag: (rule: 1 | 2 | 3 | 4) => string;
  timeDomain: readonly [number, number];
  valueDomain: readonly [number, number];
};

/** Stroke and dash per line: the shape tells them apart as well as the colour does. */
const LINE_STYLE: Readonly<Record<ControlLineKind, { stroke: string; dash?: string }>> = {
  cl: { stroke: 'var(--muted)' },
  ucl: { stroke: 'var(--warning)', dash: '6 4' },
  lcl: { stroke: 'var(--warning)', dash: '6 4' },
  usl: { stroke: 'var(--critical)', dash: '2 3' },
  lsl: { stroke: 'var(--critical)', dash: '2 3' },
};
const UPPER: ReadonlySet<ControlLineKind> = new Set(['cl', 'ucl', 'usl']);
const SPEC: ReadonlySet<ControlLineKind> = new Set(['usl', 'lsl']);
/** Horizontal room one rule tag ("R1 R2") needs. */
const TAG_GAP_PX = 36;

/**
 * The control chart's own drawing over the line chart: centre line, control and specification
 * limits, and the points the run rules marked. A point beyond a control limit is a filled
 * diamond, any other marked point a hollow ring, and each run's newest mark carries its rule
 * ("R4"): shape and text, never colour alone. Scaled from the same domains as the line.
 */
export function ControlLayer({
  spc,
  marks,
  labels,
  lineText,
  ruleTag,
  timeDomain,
  valueDomain,
}: ControlLayerProps) {
  const area = usePlotArea();
  if (!area) return null;
  const [t0, t1] = timeDomain;
  const [v0, v1] = valueDomain;
  const x = (ts: number) => area.x + (t1 > t0 ? ((ts - t0) / (t1 - t0)) * area.width : 0);
  const y = (v: number) =>
    area.y + area.height - (v1 > v0 ? ((v - v0) / (v1 - v0)) * area.height : 0);
  const inside = (py: number) =>
    Number.isFinite(py) && py >= area.y - 0.5 && py <= area.y + area.height + 0.5;
  const lines = (['usl', 'ucl', 'cl', 'lcl', 'lsl'] as const).flatMap((kind) => {
    const value = spc[kind];
    return value === undefined ? [] : [{ kind, value, py: y(value) }];
  });
  const left = area.x + 4;
  const right = area.x + area.width - 4;
  // Rule tags from the newest back, none closer than a tag's width to the one drawn after it:
  // a burst of runs reads as its newest tags, not as a smudge of overlapping text.
  const tags: { px: number; py: number; text: string; above: boolean }[] = [];
  let lastPx = Infinity;
  for (const label of labels) {
    const px = x(label.ts);
    const py = y(label.value);
    if (!Number.isFinite(px) || !inside(py) || lastPx - px < TAG_GAP_PX) continue;
    lastPx = px;
    tags.push({ px, py, text: label.rules.map(ruleTag).join(' '), above: label.value >= spc.cl });
  }
  return (
    <g className="control-layer" data-testid="control-layer">
      {lines
        .filter(({ py }) => inside(py))
        .map(({ kind, value, py }) => (
          <g key={kind} className={`control-line control-line--${kind}`} data-line={kind}>
            <line
              x1={area.x}
              x2={area.x + area.width}
              y1={py}
              y2={py}
              stroke={LINE_STYLE[kind].stroke}
              strokeWidth={kind === 'cl' ? 1.5 : 1.25}
              strokeDasharray={LINE_STYLE[kind].dash}
            />
            <text
              // Control lines named on the left, specification lines on the right: the two
              // pairs often lie a few pixels apart, and their labels must not print over each other.
              x={SPEC.has(kind) ? right : left}
              y={labelY(UPPER.has(kind), py, area.y, area.y + area.height)}
              textAnchor={SPEC.has(kind) ? 'end' : 'start'}
              fill="var(--muted)"
              className="recharts-text control-line__label"
            >
              {lineText(kind, value)}
            </text>
          </g>
        ))}
      {marks.map((mark, i) => {
        const px = x(mark.ts);
        const py = y(mark.value);
        if (!Number.isFinite(px) || !inside(py)) return null;
        const beyond = (mark.rules & ruleBit(1)) !== 0;
        return beyond ? (
          <path
            key={i}
            className="control-mark control-mark--beyond"
            data-rules={mark.rules}
            d={`M${px},${py - 6}L${px + 6},${py}L${px},${py + 6}L${px - 6},${py}Z`}
            fill="var(--critical)"
            stroke="var(--surface)"
            strokeWidth={1.5}
          />
        ) : (
          <circle
            key={i}
            className="control-mark"
            data-rules={mark.rules}
            cx={px}
            cy={py}
            r={4}
            fill="var(--surface)"
            stroke="var(--warning)"
            strokeWidth={2}
          />
        );
      })}
      {tags.map((tag, i) => (
        <text
          key={i}
          className="recharts-text control-mark__rule"
          x={tag.px}
          y={tag.above ? tag.py - 9 : tag.py + 17}
          // Near the right edge the tag ends at its point rather than running off the chart.
          textAnchor={right - tag.px < TAG_GAP_PX / 2 ? 'end' : 'middle'}
          fill="var(--text)"
          fontWeight={600}
        >
          {tag.text}
        </text>
      ))}
    </g>
  );
}

/**
 * A line's label sits above an upper line and below a lower one, on the side away from the
 * centre, unless that side is outside the plot (a limit at the very top or bottom of the axis).
 */
function labelY(upper: boolean, py: number, top: number, bottom: number): number {
  const above = py - 3;
  const below = py + 11;
  if (upper) return above - 9 < top ? below : above;
  return below > bottom ? above : below;
}

export default ControlLayer;
