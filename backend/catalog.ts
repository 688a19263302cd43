import type { Catalog, MetricInfo, TopicInfo } from '../src/realtime/protocol';
import { QUALITY_CHARACTERISTICS, QUALITY_PRODUCTS, spcOf } from './quality-line';

/**
 * What the backend says its metrics are (protocol v1.1, docs/protocol.md "The catalogue"): the
 * cold-chain feed with the labels and limits the dashboard used to hard-code, and the quality
 * lines of the product topics as control charts. Pure data: the backend holds one of these and
 * publishes a `catalog` message whenever it is replaced.
 */

// The wire shapes are the dashboard's own (src/realtime/protocol.ts), under the names this
// backend has always used for them.
export type {
  Catalog as WireCatalog,
  CatalogMessage,
  MetricInfo as WireMetricInfo,
  SpcLimits as WireSpc,
  TopicInfo as WireTopicInfo,
} from '../src/realtime/protocol';

export const COLD_CHAIN_GROUP = 'cold-chain';

/**
 * The cold-chain metrics with the values src/ui/shared/metric-catalog.ts ships as defaults, so a
 * dashboard shows the same panels whether the limits come from here or from its own build.
 * `active_vehicles` and `pending_orders` carry no unit: the dashboard's built-in Korean units
 * (대, 건) would otherwise lose to the English word the server has.
 */
const COLD_CHAIN_INFO: readonly MetricInfo[] = [
  {
    name: 'cargo_temperature',
    label: 'Cargo temperature',
    labels: { en: 'Cargo temperature', ko: '화물 온도' },
    unit: '°C',
    decimals: 1,
    limits: { low: 2, high: 8 },
    group: COLD_CHAIN_GROUP,
  },
  {
    name: 'active_vehicles',
    label: 'Active vehicles',
    labels: { en: 'Active vehicles', ko: '운행 차량' },
    decimals: 0,
    group: COLD_CHAIN_GROUP,
  },
  {
    name: 'pending_orders',
    label: 'Pending orders',
    labels: { en: 'Pending orders', ko: '대기 주문' },
    decimals: 0,
    group: COLD_CHAIN_GROUP,
  },
  {
    name: 'on_time_rate',
    label: 'On-time rate',
    labels: { en: 'On-time rate', ko: '정시 배송률' },
    unit: '%',
    decimals: 1,
    limits: { low: 92 },
    group: COLD_CHAIN_GROUP,
  },
];

function qualityInfo(): MetricInfo[] {
  return QUALITY_CHARACTERISTICS.map((c) => ({
    name: c.name,
    label: `${c.label.en} · product ${c.product}`,
    labels: { en: `${c.label.en} · product ${c.product}`, ko: `${c.label.ko} · 제품 ${c.product}` },
    unit: c.unit,
    decimals: c.decimals,
    spc: spcOf(c),
    topic: c.topic,
    // The group is the topic's id, so a dashboard can head it with the topic's own label.
    group: c.topic,
  }));
}

function productTopics(): TopicInfo[] {
  return QUALITY_PRODUCTS.map((product) => ({
    id: product.topic,
    label: `Product ${product.id} line`,
    labels: { en: `Product ${product.id} line`, ko: `제품 ${product.id} 라인` },
    ...(product.default ? { default: true } : {}),
  }));
}

/** The catalogue a fresh backend describes itself with. */
export function defaultCatalog(): Catalog {
  return { metrics: [...COLD_CHAIN_INFO.map(copyInfo), ...qualityInfo()], topics: productTopics() };
}

/** What `catalog-change` switches to: the cargo limit moves down to 7 °C, on-time rate is renamed. */
export const CHANGED_CARGO_HIGH = 7;
export const CHANGED_ON_TIME_LABEL = { en: 'Delivered on time', ko: '제시간 배송' } as const;

export function changedCatalog(): Catalog {
  const catalog = defaultCatalog();
  catalog.metrics = catalog.metrics.map((info) => {
    if (info.name === 'cargo_temperature')
      return { ...info, limits: { ...info.limits, high: CHANGED_CARGO_HIGH } };
    if (info.name === 'on_time_rate')
      return { ...info, label: CHANGED_ON_TIME_LABEL.en, labels: { ...CHANGED_ON_TIME_LABEL } };
    return info;
  });
  return catalog;
}

function copyInfo(info: MetricInfo): MetricInfo {
  return {
    ...info,
    ...(info.labels ? { labels: { ...info.labels } } : {}),
    ...(info.limits ? { limits: { ...info.limits } } : {}),
  };
}
