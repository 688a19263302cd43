import { useCallback } from 'react';
import { useEnvironment } from '../shared/environment';
import { resolveMetric } from '../shared/metric-catalog';
import { useDashboard } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';

/**
 * Names the panels carry, for lists of many metrics at once (a hook per name would not do):
 * the backend's catalogue over the built-in one, in the operator's language, as on the panels.
 */
export function useMetricLabels(): (name: string) => string {
  const defaults = useEnvironment().catalog;
  const metrics = useDashboard((s) => s.catalog.metrics);
  const { locale } = useI18n();
  return useCallback(
    (name: string) => resolveMetric(defaults, name, metrics.get(name), locale).label,
    [defaults, metrics, locale],
  );
}
