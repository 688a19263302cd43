import type { AlertLogEntry } from '../../store/alert-log';
import { isoCell, toCsv } from '../export/csv';

export const ALERT_CSV_HEADER = [
  'id',
  'severity',
  'status',
  'title',
  'message',
  'source',
  'raised_utc',
  'received_utc',
  'history',
] as const;

/** One cell for the whole status history: `open 2026-12-02T10:42:10.000Z; acknowledged … by ana`. */
export function historyCell(entry: AlertLogEntry): string {
  return entry.history
    .map((item) => `${item.status} ${isoCell(item.at)}${item.by ? ` by ${item.by}` : ''}`)
    .join('; ');
}

/** The log's entries as CSV, in the order given (the view's: newest first). */
export function alertLogCsv(entries: readonly AlertLogEntry[]): string {
  return toCsv(
    ALERT_CSV_HEADER,
    entries.map((entry) => [
      entry.id,
      entry.severity,
      entry.status,
      entry.title,
      entry.message,
      entry.source ?? '',
      isoCell(entry.ts),
      isoCell(entry.receivedAt),
      historyCell(entry),
    ]),
  );
}
