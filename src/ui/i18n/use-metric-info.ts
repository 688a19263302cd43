import { useMemo } from 'react';
import { useEnvironment } from '../shared/environment';
import { resolveMetric, type MetricView } from '../shared/metric-catalog';
import { useDashboard } from '../shared/store-context';
import { useI18n } from './use-i18n';

/**
 * One metric as the panels show it: the backend's catalogue (v1.1) merged over the built-in
 * defaults, in the operator's language. The same object while nothing it rests on changes, so
 * it can sit in an effect's dependencies.
 */
export function useMetricInfo(name: string): MetricView {
  const defaults = useEnvironment().catalog;
  const info = useDashboard((s) => s.catalog.metrics.get(name));
  const { locale } = useI18n();
  return useMemo(() => resolveMetric(defaults, name, info, locale), [defaults, name, info, locale]);
}
