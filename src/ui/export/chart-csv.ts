import type { SeriesEntry } from '../../store';
import { isoCell, toCsv, type CsvCell } from './csv';

export const CHART_CSV_HEADER = ['metric', 'time_utc', 'epoch_ms', 'value', 'unit'] as const;

/**
 * A chart's current window as CSV: every point the series holds in it (not the downsampled points
 * drawn), oldest first. The window ends at the newest sample, as the chart's does.
 */
export function chartWindowCsv(entry: SeriesEntry | undefined, windowMs: number): string {
  const rows: CsvCell[][] = [];
  const buffer = entry?.buffer;
  const newest = buffer?.last();
  if (entry && buffer && newest) {
    const unit = entry.unit ?? '';
    for (let i = buffer.lowerBound(newest.ts - windowMs); i < buffer.size; i++) {
      const ts = buffer.tsAt(i);
      rows.push([entry.name, isoCell(ts), ts, buffer.valueAt(i), unit]);
    }
  }
  return toCsv(CHART_CSV_HEADER, rows);
}
