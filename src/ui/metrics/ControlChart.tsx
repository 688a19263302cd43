import { lazy, Suspense, useCallback, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../store';
import { formatAxisNumber } from '../i18n/format';
import type { ChartDomains } from './MetricChart';
import type { ControlWindow, SpcInfo } from './spc/control-window';
import type { ControlLineKind } from './spc/ControlLayer';
import { validSpc } from './spc/spc-info';
import { useControlWindow, type ControlFrame } from './spc/use-control-window';
import { useSpcEngine, type SpcEngine } from './spc/use-spc-engine';

// Drawn inside recharts' SVG: loaded with the chart, never in the first load.
const ControlLayer = lazy(() => import('./spc/ControlLayer'));
const NO_EXTENT: readonly number[] = [];

/**
 * A metric's `spc`, if the control chart can use it, and the values its value axis must show
 * (control and specification limits): stable while `spc` is.
 */
export function useControlSpec(spc: unknown): { spc: SpcInfo | null; extent: readonly number[] } {
  return useMemo(() => {
    const valid = validSpc(spc);
    if (!valid) return { spc: null, extent: NO_EXTENT };
    const extent = [valid.ucl, valid.lcl, valid.usl, valid.lsl].filter(
      (v): v is number => v !== undefined,
    );
    return { spc: valid, extent };
  }, [spc]);
}

/**
 * What turns a panel's line chart into a control chart: the rules and capability over the
 * frame's window, and the drawing laid over the line (`MetricChart`'s `overlay`). Both null/
 * undefined for a metric without `spc`: its panel stays a plain line chart.
 */
export function useControlChart(
  name: string,
  spc: SpcInfo | null,
  frame: ControlFrame,
  locale: Locale,
): {
  control: ControlWindow | null;
  overlay: ((domains: ChartDomains) => ReactNode) | undefined;
  /** The verdict under the header (from the SPC chunk, which a control window needs anyway). */
  Summary: SpcEngine['ControlChartSummary'] | null;
} {
  const engine = useSpcEngine(spc !== null);
  const control = useControlWindow(name, frame, spc, engine);
  const text = engine?.SPC_MESSAGES[locale] ?? null;
  const lineText = useCallback(
    (kind: ControlLineKind, value: number) =>
      text ? text.line(kind, formatAxisNumber(value, locale)) : '',
    [text, locale],
  );
  const overlay = useMemo(
    () =>
      spc && control && text
        ? (domains: ChartDomains) => (
            <Suspense fallback={null}>
              <ControlLayer
                spc={spc}
                marks={control.marks}
                labels={control.labels}
                lineText={lineText}
                ruleTag={text.ruleTag}
                timeDomain={domains.time}
                valueDomain={domains.value}
              />
            </Suspense>
          )
        : undefined,
    [spc, control, lineText, text],
  );
  return { control, overlay, Summary: engine?.ControlChartSummary ?? null };
}
