import type { Catalog, MetricInfo, TopicInfo } from '../realtime';

/**
 * The backend's description of its metrics and topics (protocol v1.1), as the store keeps it:
 * metrics by name in a Map (names are opaque: `__proto__` is just a name), topics in the order
 * the server listed them. It arrives already validated and bounded (`validate-catalog.ts`).
 */
export type CatalogState = {
  /** `false` until a server described itself: a v1 server never does. */
  known: boolean;
  metrics: ReadonlyMap<string, MetricInfo>;
  topics: readonly TopicInfo[];
};

export const NO_CATALOG: CatalogState = { known: false, metrics: new Map(), topics: [] };

/**
 * A catalogue replaces the previous one whole: a metric it no longer lists falls back to the
 * built-in defaults. The first description of a name wins; validation already refused repeats.
 */
export function catalogState(catalog: Catalog): CatalogState {
  const metrics = new Map<string, MetricInfo>();
  for (const info of catalog.metrics) {
    if (typeof info?.name === 'string' && !metrics.has(info.name)) metrics.set(info.name, info);
  }
  const seen = new Set<string>();
  const topics = catalog.topics.filter((topic) => {
    if (typeof topic?.id !== 'string' || seen.has(topic.id)) return false;
    seen.add(topic.id);
    return true;
  });
  return { known: true, metrics, topics };
}
