import type { Locale } from '../../store';
import { formatNumber } from '../i18n/format';
import type { ControlWindow } from './spc/control-window';
import { useSpcEngine } from './spc/use-spc-engine';
import './spc/control-chart.css';

/**
 * A control chart's verdict in words, under the panel's header: the violation runs in the
 * visible window (each rule tagged, and named for a screen reader and on hover), and Cp/Cpk
 * with the sample count they rest on.
 */
export function ControlChartSummary({
  control,
  locale,
}: {
  control: ControlWindow;
  locale: Locale;
}) {
  // A control window exists only once the SPC chunk has loaded: this is that same chunk.
  const engine = useSpcEngine(true);
  if (!engine) return null;
  const text = engine.SPC_MESSAGES[locale];
  const { capability } = control;
  const index = (v: number | null) => (v === null ? null : formatNumber(v, locale, 2));
  const capabilityText =
    capability.missing === null && capability.cpk !== null
      ? text.capability(index(capability.cp), index(capability.cpk)!, capability.n)
      : capability.missing
        ? text.capabilityMissing[capability.missing](capability.n)
        : '';
  const rules = engine.violatedRules(control);
  return (
    <div className="panel__spc">
      <p
        className={`panel__violations${control.violations > 0 ? ' panel__violations--out' : ''}`}
        data-testid="violations"
      >
        <span aria-hidden="true">{control.violations > 0 ? '⚠ ' : '✓ '}</span>
        {text.violations(control.violations)}
        {/* One short tag per rule keeps the panel's height steady; the name is in its title and
            read out by screen readers. */}
        {rules.map((rule) => (
          <span key={rule} className="panel__rule" data-rule={rule} title={text.rule[rule]}>
            <span aria-hidden="true">
              {text.ruleTag(rule)}
              {control.byRule[rule] > 1 ? ` ×${control.byRule[rule]}` : ''}
            </span>
            <span className="visually-hidden">
              {text.rule[rule]}
              {control.byRule[rule] > 1 ? ` ×${control.byRule[rule]}` : ''}
            </span>
          </span>
        ))}
      </p>
      {capabilityText && (
        <p className="panel__capability" data-testid="capability">
          {capabilityText}
        </p>
      )}
    </div>
  );
}
