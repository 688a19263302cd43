import type { MetricInfo, SpcLimits } from '../../realtime';
import type { Locale } from '../../store';

/**
 * What the dashboard knows about metrics beyond the samples: friendly names, units, precision,
 * limits, control-chart lines, topic and group. A v1.1 backend describes its metrics itself (the
 * catalogue, merged over these defaults field by field: the server wins); for a v1 backend the
 * built-in defaults below are all there is, and an unknown metric still gets a panel, named
 * after itself, with no threshold lines.
 */
export type BaseLimitKind = 'max' | 'min' | 'ucl' | 'lcl';
/** The catalogue's `warnHigh`/`warnLow`: a line to watch before the operating limit. */
export type WarnLimitKind = 'warnMax' | 'warnMin';
/** The kinds the shared messages name; warning lines are named by `limit-messages.ts`. */
export type LimitKind = BaseLimitKind;
export type Limit = { kind: BaseLimitKind | WarnLimitKind; value: number };
export type BuiltInMetricInfo = {
  label?: Partial<Record<Locale, string>>;
  /** The unit in the operator's language; without one, the unit the server sends. */
  unit?: Partial<Record<Locale, string>>;
  limits?: readonly Limit[];
};
export type MetricCatalog = Readonly<Record<string, BuiltInMetricInfo>>;

export const DEFAULT_CATALOG: MetricCatalog = {
  // Cold chain (field report 000): reefer cargo must stay within 2-8 °C.
  cargo_temperature: {
    label: { en: 'Cargo temperature', ko: '화물 온도' },
    limits: [
      { kind: 'max', value: 8 },
      { kind: 'min', value: 2 },
    ],
  },
  active_vehicles: {
    label: { en: 'Active vehicles', ko: '운행 차량' },
    unit: { ko: '대' },
  },
  pending_orders: { label: { en: 'Pending orders', ko: '대기 주문' }, unit: { ko: '건' } },
  on_time_rate: {
    label: { en: 'On-time rate', ko: '정시 배송률' },
    limits: [{ kind: 'min', value: 92 }],
  },
};

/** One metric as the panels show it: the server's description over the built-in defaults. */
export type MetricView = {
  name: string;
  /** In the operator's language. */
  label: string;
  /** `undefined`: the unit the samples carry. */
  unit: string | undefined;
  /** Places for the value and the axis; `undefined`: taken from the recent values. */
  decimals: number | undefined;
  /** Upper limits before lower ones, operating limits before warning lines (see `breachedLimit`). */
  limits: readonly Limit[];
  /** Present: the metric is a quality characteristic, drawn as a control chart. */
  spc: SpcLimits | null;
  topic: string | undefined;
  group: string | undefined;
};

/** A record lookup that never reaches Object.prototype (names are the server's). */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function humanName(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The server's words first: its label for this language, then its plain label (a rename on the
 * server must reach every language), then the built-in label for this language, then any
 * English one, then the name itself.
 */
function labelOf(
  builtIn: BuiltInMetricInfo | undefined,
  info: MetricInfo | undefined,
  locale: Locale,
) {
  return (
    own(info?.labels, locale) ??
    info?.label ??
    builtIn?.label?.[locale] ??
    own(info?.labels, 'en') ??
    builtIn?.label?.en ??
    null
  );
}

const SERVER_LIMITS = [
  ['high', 'max'],
  ['low', 'min'],
  ['warnHigh', 'warnMax'],
  ['warnLow', 'warnMin'],
] as const;

/** Each operating limit from the server if it gives one, else the built-in one. */
function limitsOf(builtIn: readonly Limit[], info: MetricInfo | undefined): readonly Limit[] {
  if (!info) return builtIn;
  const out: Limit[] = [];
  for (const [field, kind] of SERVER_LIMITS) {
    const value = info.limits?.[field] ?? builtIn.find((limit) => limit.kind === kind)?.value;
    if (value !== undefined) out.push({ kind, value });
  }
  // Control limits are the server's `spc` when it gives one (drawn by the control chart).
  if (!info.spc) out.push(...builtIn.filter((l) => l.kind === 'ucl' || l.kind === 'lcl'));
  return out;
}

export function resolveMetric(
  defaults: MetricCatalog,
  name: string,
  info: MetricInfo | undefined,
  locale: Locale,
): MetricView {
  const builtIn = own(defaults, name);
  return {
    name,
    label: labelOf(builtIn, info, locale) ?? humanName(name),
    unit: info?.unit ?? builtIn?.unit?.[locale],
    decimals: info?.decimals,
    limits: limitsOf(builtIn?.limits ?? [], info),
    spc: info?.spc ?? null,
    topic: info?.topic,
    group: info?.group,
  };
}

export function metricLabel(catalog: MetricCatalog, name: string, locale: Locale): string {
  return resolveMetric(catalog, name, undefined, locale).label;
}

export function unitLabel(
  catalog: MetricCatalog,
  name: string,
  locale: Locale,
  sent: string | undefined,
): string | undefined {
  return own(catalog, name)?.unit?.[locale] ?? sent;
}

export function isUpperLimit(kind: Limit['kind']): boolean {
  return kind === 'max' || kind === 'ucl' || kind === 'warnMax';
}

/** Whether a value breaks one of the metric's limits (a control limit counts as one). */
export function breachedLimit(limits: readonly Limit[], value: number): Limit | null {
  for (const limit of limits) {
    if (isUpperLimit(limit.kind) ? value > limit.value : value < limit.value) return limit;
  }
  return null;
}
