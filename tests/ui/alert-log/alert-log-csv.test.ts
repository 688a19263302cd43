import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { AlertLogEntry } from '../../../src/store/alert-log';
import { ALERT_CSV_HEADER, alertLogCsv } from '../../../src/ui/alert-log/alert-log-csv';

const T = Date.UTC(2026, 11, 2, 10, 42, 10);

const entry = (overrides: Partial<AlertLogEntry> = {}): AlertLogEntry => ({
  id: 'a1',
  severity: 'critical',
  title: 'Reefer 7 warm',
  message: 'Cargo at 9.1 °C, above 8 °C',
  source: 'dock-a',
  ts: T,
  receivedAt: T + 1_000,
  status: 'acknowledged',
  history: [
    { status: 'open', at: T },
    { status: 'acknowledged', at: T + 60_000, by: 'ana' },
  ],
  order: 0,
  ...overrides,
});

describe('alertLogCsv', () => {
  it('writes one row per alert with its whole status history', () => {
    const rows = Papa.parse<string[]>(alertLogCsv([entry()]), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...ALERT_CSV_HEADER]);
    expect(rows[1]).toEqual([
      'a1',
      'critical',
      'acknowledged',
      'Reefer 7 warm',
      'Cargo at 9.1 °C, above 8 °C',
      'dock-a',
      '2026-12-02T10:42:10.000Z',
      '2026-12-02T10:42:11.000Z',
      'open 2026-12-02T10:42:10.000Z; acknowledged 2026-12-02T10:43:10.000Z by ana',
    ]);
  });

  it('keeps hostile server text inert and whole', () => {
    const csv = alertLogCsv([
      entry({ title: '=1+1', message: 'line one\n"two", three', source: undefined }),
    ]);
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows[1]!.slice(3, 6)).toEqual(["'=1+1", 'line one\n"two", three', '']);
  });
});
