import { describe, expect, it } from 'vitest';
import type { MetricInfo } from '../../../src/realtime';
import {
  breachedLimit,
  DEFAULT_CATALOG,
  resolveMetric,
  type MetricCatalog,
} from '../../../src/ui/shared/metric-catalog';

const labels = (entries: Record<string, string>) =>
  Object.assign(Object.create(null) as Record<string, string>, entries);

describe('merging the catalogue over the built-in defaults', () => {
  it('keeps the built-in description when the server describes nothing (v1)', () => {
    const view = resolveMetric(DEFAULT_CATALOG, 'cargo_temperature', undefined, 'ko');
    expect(view.label).toBe('화물 온도');
    expect(view.limits).toEqual([
      { kind: 'max', value: 8 },
      { kind: 'min', value: 2 },
    ]);
    expect(view.spc).toBeNull();
    expect(resolveMetric(DEFAULT_CATALOG, 'cargo_temp_c', undefined, 'en').label).toBe(
      'Cargo temp c',
    );
  });

  it("takes the server's label for the operator's language, then its plain label", () => {
    const info: MetricInfo = { name: 'x', label: 'Plain', labels: labels({ ko: '한국어' }) };
    expect(resolveMetric({}, 'x', info, 'ko').label).toBe('한국어');
    expect(resolveMetric({}, 'x', info, 'en').label).toBe('Plain');
  });

  it('a rename on the server reaches every language, over the built-in label', () => {
    const info: MetricInfo = { name: 'cargo_temperature', label: 'Reefer temperature' };
    expect(resolveMetric(DEFAULT_CATALOG, 'cargo_temperature', info, 'ko').label).toBe(
      'Reefer temperature',
    );
  });

  it('falls back to the built-in label, then an English one, then the name', () => {
    const onlyEn: MetricInfo = { name: 'on_time_rate', labels: labels({ en: 'Punctuality' }) };
    expect(resolveMetric(DEFAULT_CATALOG, 'on_time_rate', onlyEn, 'ko').label).toBe('정시 배송률');
    expect(
      resolveMetric({}, 'z_z', { name: 'z_z', labels: labels({ en: 'Zed' }) }, 'ko').label,
    ).toBe('Zed');
    expect(resolveMetric({}, 'z_z', { name: 'z_z' }, 'ko').label).toBe('Z z');
  });

  it("merges limits field by field: the server's high wins, the built-in low stays", () => {
    const info: MetricInfo = { name: 'cargo_temperature', limits: { high: 7, warnHigh: 6 } };
    expect(resolveMetric(DEFAULT_CATALOG, 'cargo_temperature', info, 'en').limits).toEqual([
      { kind: 'max', value: 7 },
      { kind: 'min', value: 2 },
      { kind: 'warnMax', value: 6 },
    ]);
  });

  it("takes the server's unit, decimals, topic, group and spc; else the built-in unit", () => {
    const spc = { cl: 500, ucl: 502, lcl: 498 };
    const info: MetricInfo = {
      name: 'w',
      unit: 'g',
      decimals: 2,
      topic: 'product:42',
      group: 'L1',
      spc,
    };
    expect(resolveMetric({}, 'w', info, 'en')).toMatchObject({
      unit: 'g',
      decimals: 2,
      topic: 'product:42',
      group: 'L1',
      spc,
    });
    expect(resolveMetric(DEFAULT_CATALOG, 'active_vehicles', undefined, 'ko').unit).toBe('대');
    expect(resolveMetric(DEFAULT_CATALOG, 'active_vehicles', undefined, 'en').unit).toBeUndefined();
  });

  it("drops built-in control limits once the server's spc draws them", () => {
    const builtIn: MetricCatalog = {
      w: {
        limits: [
          { kind: 'ucl', value: 9 },
          { kind: 'lcl', value: 1 },
        ],
      },
    };
    expect(resolveMetric(builtIn, 'w', { name: 'w' }, 'en').limits).toHaveLength(2);
    const spc = { cl: 5, ucl: 6, lcl: 4 };
    expect(resolveMetric(builtIn, 'w', { name: 'w', spc }, 'en').limits).toEqual([]);
  });

  it('never reads a built-in description off Object.prototype', () => {
    expect(resolveMetric(DEFAULT_CATALOG, 'constructor', undefined, 'en').label).toBe(
      'Constructor',
    );
    expect(resolveMetric(DEFAULT_CATALOG, 'toString', undefined, 'en').limits).toEqual([]);
  });

  it('names the operating limit broken before a warning line', () => {
    const limits = resolveMetric(
      {},
      'x',
      { name: 'x', limits: { high: 8, warnHigh: 7 } },
      'en',
    ).limits;
    expect(breachedLimit(limits, 9)).toEqual({ kind: 'max', value: 8 });
    expect(breachedLimit(limits, 7.5)).toEqual({ kind: 'warnMax', value: 7 });
    expect(breachedLimit(limits, 6)).toBeNull();
  });
});
