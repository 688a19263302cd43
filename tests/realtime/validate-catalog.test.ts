import { describe, expect, it } from 'vitest';
import { parseServerFrame, type CatalogMessage } from '../../src/realtime';
import { MAX_ID_CHARS } from '../../src/realtime/limits';
import {
  MAX_CATALOG_METRICS,
  MAX_CATALOG_TOPICS,
  MAX_LABEL_CHARS,
  toMetricInfo,
  toTopicInfo,
} from '../../src/realtime/validate-catalog';
import { toSnapshot } from '../../src/realtime/validate';

const FILL = {
  name: 'fill_weight',
  label: 'Fill weight',
  labels: { en: 'Fill weight', ko: '충전 중량' },
  unit: 'g',
  decimals: 1,
  limits: { low: 495, high: 505, warnLow: 497, warnHigh: 503 },
  spc: { cl: 500, ucl: 502, lcl: 498, usl: 504, lsl: 496 },
  topic: 'product:42',
  group: 'Line 1',
};

function catalogFrame(body: Record<string, unknown>) {
  const result = parseServerFrame(JSON.stringify({ type: 'catalog', seq: 7, ...body }));
  if (!result.ok) return { message: null, rejected: [result] };
  return { message: result.message as CatalogMessage, rejected: result.rejected };
}

const refusal = (v: unknown) => {
  const item = toMetricInfo(v);
  return item.ok ? null : item.reason;
};

describe('catalogue validation', () => {
  it('accepts a full v1.1 catalogue message as a sequenced message', () => {
    const { message, rejected } = catalogFrame({
      metrics: [FILL, { name: 'cargo_temperature' }],
      topics: [{ id: 'product:42', label: 'Product 42', default: true }],
    });
    expect(rejected).toEqual([]);
    expect(message?.seq).toBe(7);
    expect(message?.metrics[0]).toMatchObject({ ...FILL, labels: { ko: '충전 중량' } });
    expect(message?.topics).toEqual([{ id: 'product:42', label: 'Product 42', default: true }]);
  });

  it('refuses spc lines out of order (lcl < cl < ucl), and only that description', () => {
    const { message, rejected } = catalogFrame({
      metrics: [{ name: 'a', spc: { cl: 5, ucl: 4, lcl: 1 } }, { name: 'b' }],
      topics: [],
    });
    expect(message?.metrics.map((m) => m.name)).toEqual(['b']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ kind: 'invalid_shape', count: 1 });
    expect(rejected[0]?.detail).toContain('lcl < cl < ucl');
    expect(refusal({ name: 'a', spc: { cl: 5, ucl: 5, lcl: 5 } })).toContain('lcl < cl < ucl');
    expect(refusal({ name: 'a', spc: { cl: 5, ucl: 6 } })).toContain('needs cl, ucl and lcl');
    expect(refusal({ name: 'a', spc: { cl: 5, ucl: 6, lcl: 4, usl: 1, lsl: 2 } })).toContain(
      'lsl < usl',
    );
  });

  it('refuses numbers that are not finite, and limits whose low is not below their high', () => {
    expect(refusal({ name: 'a', limits: { high: '8' } })).toContain('limits.high');
    expect(refusal({ name: 'a', spc: { cl: Number.POSITIVE_INFINITY, ucl: 2, lcl: 0 } })).toContain(
      'spc.cl',
    );
    expect(refusal({ name: 'a', limits: { low: 8, high: 2 } })).toContain('low limit');
    expect(refusal({ name: 'a', limits: { warnLow: 8, warnHigh: 8 } })).toContain('low limit');
    expect(refusal({ name: 'a', limits: { low: 2, high: 8, warnHigh: 7 } })).toBeNull();
  });

  it('refuses decimals a backend cannot mean: negative, fractional or absurd', () => {
    for (const decimals of [-1, 1.5, 7, 1e9, '2'])
      expect(refusal({ name: 'a', decimals })).toContain('decimals');
    expect(refusal({ name: 'a', decimals: 0 })).toBeNull();
  });

  it('refuses a name or topic over the id limit rather than cutting it', () => {
    const long = 'x'.repeat(MAX_ID_CHARS + 1);
    expect(toMetricInfo({ name: long })).toMatchObject({ ok: false, kind: 'id_too_long' });
    expect(toMetricInfo({ name: 'a', topic: long })).toMatchObject({
      ok: false,
      kind: 'id_too_long',
    });
    expect(toTopicInfo({ id: long })).toMatchObject({ ok: false, kind: 'id_too_long' });
    expect(toMetricInfo({ name: '' })).toMatchObject({ ok: false, kind: 'invalid_shape' });
  });

  it('cuts an over-long label and counts the cut', () => {
    const { message, rejected } = catalogFrame({
      metrics: [{ name: 'a', label: 'L'.repeat(5_000), labels: { ko: '가'.repeat(500) } }],
      topics: [],
    });
    expect(message?.metrics[0]?.label).toHaveLength(MAX_LABEL_CHARS);
    expect(message?.metrics[0]?.label?.endsWith('…')).toBe(true);
    expect(message?.metrics[0]?.labels?.ko).toHaveLength(MAX_LABEL_CHARS);
    expect(rejected).toEqual([expect.objectContaining({ kind: 'truncated', count: 1 })]);
  });

  it('keeps label maps without a prototype: "__proto__" is a language like any other', () => {
    const item = toMetricInfo(JSON.parse('{"name":"__proto__","labels":{"__proto__":"x"}}'));
    expect(item.ok).toBe(true);
    if (!item.ok) return;
    expect(item.value.name).toBe('__proto__');
    expect(Object.getPrototypeOf(item.value.labels)).toBeNull();
    expect(Object.hasOwn(item.value.labels ?? {}, '__proto__')).toBe(true);
    expect(refusal({ name: 'a', labels: { en: 5 } })).toContain('not text');
    expect(refusal({ name: 'a', labels: ['en'] })).toContain('map');
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`l${i}`, 'x']));
    expect(refusal({ name: 'a', labels: many })).toContain('over 16 languages');
  });

  it('bounds the number of descriptions and topics, and counts the rest', () => {
    const metrics = Array.from({ length: MAX_CATALOG_METRICS + 5 }, (_, i) => ({ name: `m${i}` }));
    const topics = Array.from({ length: MAX_CATALOG_TOPICS + 3 }, (_, i) => ({ id: `t${i}` }));
    const { message, rejected } = catalogFrame({ metrics, topics });
    expect(message?.metrics).toHaveLength(MAX_CATALOG_METRICS);
    expect(message?.topics).toHaveLength(MAX_CATALOG_TOPICS);
    expect(rejected.map((r) => [r.kind, r.count])).toEqual([
      ['too_many_items', 5],
      ['too_many_items', 3],
    ]);
  });

  it('keeps the first description of a name described twice and counts the second', () => {
    const { message, rejected } = catalogFrame({
      metrics: [
        { name: 'a', unit: 'g' },
        { name: 'a', unit: 'kg' },
      ],
      topics: [{ id: 't' }, { id: 't', default: true }],
    });
    expect(message?.metrics).toEqual([{ name: 'a', unit: 'g' }]);
    expect(message?.topics).toEqual([{ id: 't' }]);
    expect(rejected.every((r) => r.kind === 'invalid_shape' && /twice/.test(r.detail))).toBe(true);
  });

  it('refuses a catalogue message with nothing usable in it, whole', () => {
    expect(catalogFrame({ metrics: [{ nope: 1 }], topics: [] }).message).toBeNull();
    expect(catalogFrame({ metrics: 'all', topics: [] }).message).toBeNull();
    expect(catalogFrame({ metrics: [], topics: 'all' }).message).toBeNull();
    const noSeq = parseServerFrame(JSON.stringify({ type: 'catalog', metrics: [], topics: [] }));
    expect(noSeq.ok).toBe(false);
    // An empty catalogue is a server saying it describes nothing: that is allowed.
    expect(catalogFrame({ metrics: [], topics: [] }).message?.metrics).toEqual([]);
  });

  it('refuses a topic whose default is not a boolean', () => {
    expect(toTopicInfo({ id: 't', default: 'yes' })).toMatchObject({ ok: false });
    expect(toTopicInfo({ id: 't', labels: { ko: '토픽' } })).toMatchObject({ ok: true });
  });

  it('takes a snapshot catalogue, and refuses an unusable one alone, keeping the samples', () => {
    const base = { epoch: 'e', seq: 1, samples: [{ name: 'a', ts: 1, value: 2 }], alerts: [] };
    const good = toSnapshot({ ...base, catalog: { metrics: [FILL], topics: [] } });
    expect(good?.value.catalog?.metrics[0]?.name).toBe('fill_weight');
    const bad = toSnapshot({ ...base, catalog: { metrics: 5 } });
    expect(bad?.value.catalog).toBeUndefined();
    expect(bad?.value.samples).toHaveLength(1);
    expect(bad?.rejected).toEqual([expect.objectContaining({ kind: 'invalid_shape' })]);
    // A v1 server's snapshot: no catalogue, nothing to report.
    expect(toSnapshot(base)?.rejected).toEqual([]);
    expect(toSnapshot(base)?.value.catalog).toBeUndefined();
  });
});
