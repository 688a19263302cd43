import { useMemo } from 'react';
import { useEnvironment } from '../shared/environment';
import type { Locale } from '../../store';
import type { MetricInfo } from '../../realtime';
import { resolveMetric, type MetricCatalog } from '../shared/metric-catalog';
import { useDashboard } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';

/**
 * Names the panels carry, for lists of many metrics at once (a hook per name would not do):
 * the backend's catalogue over the built-in one, in the operator's language, as on the panels.
 *
 * Each name is resolved once while the catalogues and the locale stay: the grid asks for every
 * name at each of its renders, and a flood of new names renders it some twenty times over up to
 * a thousand names. The cache holds only names asked for, which are the store's series (bounded).
 */
export function useMetricLabels(): (name: string) => string {
  const defaults = useEnvironment().catalog;
  const metrics = useDashboard((s) => s.catalog.metrics);
  const { locale } = useI18n();
  return useMemo(() => labelResolver(defaults, metrics, locale), [defaults, metrics, locale]);
}

function labelResolver(
  defaults: MetricCatalog,
  metrics: ReadonlyMap<string, MetricInfo>,
  locale: Locale,
): (name: string) => string {
  const labels = new Map<string, string>();
  return (name) => {
    let label = labels.get(name);
    if (label === undefined) {
      label = resolveMetric(defaults, name, metrics.get(name), locale).label;
      labels.set(name, label);
    }
    return label;
  };
}
