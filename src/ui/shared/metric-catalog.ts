import type { Locale } from '../../store';

/**
 * What the dashboard knows about metrics beyond the wire: friendly names and limits. The protocol
 * carries neither, so a deployment lists its metrics here; an unknown metric still gets a panel,
 * named after itself, with no threshold lines.
 */
export type LimitKind = 'max' | 'min' | 'ucl' | 'lcl';
export type Limit = { kind: LimitKind; value: number };
export type MetricInfo = {
  label?: Partial<Record<Locale, string>>;
  /** The unit in the operator's language; without one, the unit the server sends. */
  unit?: Partial<Record<Locale, string>>;
  limits?: readonly Limit[];
};
export type MetricCatalog = Readonly<Record<string, MetricInfo>>;

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

export function metricLabel(catalog: MetricCatalog, name: string, locale: Locale): string {
  const label = catalog[name]?.label?.[locale] ?? catalog[name]?.label?.en;
  if (label) return label;
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function unitLabel(
  catalog: MetricCatalog,
  name: string,
  locale: Locale,
  sent: string | undefined,
): string | undefined {
  return catalog[name]?.unit?.[locale] ?? sent;
}

/** Whether a value breaks one of the metric's limits (a control limit counts as one). */
export function breachedLimit(limits: readonly Limit[], value: number): Limit | null {
  for (const limit of limits) {
    const upper = limit.kind === 'max' || limit.kind === 'ucl';
    if (upper ? value > limit.value : value < limit.value) return limit;
  }
  return null;
}
