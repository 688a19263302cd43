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
  const right = area.x + area.width - 4;
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
              x={right}
              y={UPPER.has(kind) ? py - 3 : py + 11}
              textAnchor="end"
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
      {labels.map((label, i) => {
        const px = x(label.ts);
        const py = y(label.value);
        if (!Number.isFinite(px) || !inside(py)) return null;
        const above = label.value >= spc.cl;
        return (
          <text
            key={i}
            className="recharts-text control-mark__rule"
            x={Math.min(px, right)}
            y={above ? py - 9 : py + 17}
            textAnchor="middle"
            fill="var(--text)"
            fontWeight={600}
          >
            {label.rules.map(ruleTag).join(' ')}
          </text>
        );
      })}
    </g>
  );
}

export default ControlLayer;
