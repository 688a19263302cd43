import { describe, expect, it } from 'vitest';
import { RingBuffer, type SeriesEntry } from '../../../src/store';
import { chartWindowCsv } from '../../../src/ui/export/chart-csv';

const series = (name: string, points: [number, number][], unit?: string): SeriesEntry => {
  const buffer = new RingBuffer(100, 4);
  for (const [ts, value] of points) buffer.push(ts, value);
  return { name, unit, buffer, version: buffer.version, updatedAt: 0 };
};

const T = Date.UTC(2026, 11, 2, 10, 0, 0);

describe('chartWindowCsv', () => {
  it('writes every point of the window ending at the newest sample, oldest first', () => {
    const entry = series(
      'cargo_temperature',
      [
        [T - 120_000, 1],
        [T - 60_000, 2.5],
        [T - 30_000, -3.25],
        [T, 4],
      ],
      '°C',
    );
    expect(chartWindowCsv(entry, 60_000)).toBe(
      [
        'metric,time_utc,epoch_ms,value,unit',
        `cargo_temperature,2026-12-02T09:59:00.000Z,${T - 60_000},2.5,°C`,
        `cargo_temperature,2026-12-02T09:59:30.000Z,${T - 30_000},-3.25,°C`,
        `cargo_temperature,2026-12-02T10:00:00.000Z,${T},4,°C`,
        '',
      ].join('\r\n'),
    );
  });

  it('neutralises a backend-chosen metric name that looks like a formula', () => {
    const csv = chartWindowCsv(series('=cmd|calc', [[T, 1]]), 60_000);
    expect(csv.split('\r\n')[1]).toBe(`"'=cmd|calc",2026-12-02T10:00:00.000Z,${T},1,`);
  });

  it('writes only the header for a series with no points, or none at all', () => {
    expect(chartWindowCsv(series('empty', []), 60_000)).toBe(
      'metric,time_utc,epoch_ms,value,unit\r\n',
    );
    expect(chartWindowCsv(undefined, 60_000)).toBe('metric,time_utc,epoch_ms,value,unit\r\n');
  });
});
