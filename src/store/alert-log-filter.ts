import type { AlertStatus, Severity } from '../realtime';
import type { AlertLogEntry } from './alert-log';

/** The log view's search and filters: apart from the record, so they load with the view. */
export type AlertLogFilter = {
  /** Matched, case-insensitively, against title, message, source and id. */
  text: string;
  severity: Severity | 'all';
  status: AlertStatus | 'all';
  /** An exact source, `'all'`, or `''` for alerts without one. */
  source: string | 'all';
};

export const ALL_ALERTS: AlertLogFilter = {
  text: '',
  severity: 'all',
  status: 'all',
  source: 'all',
};

/** The entries the filter lets through, in the order given (newest first). */
export function filterAlertLog(
  entries: readonly AlertLogEntry[],
  filter: AlertLogFilter,
): AlertLogEntry[] {
  const needle = filter.text.trim().toLowerCase();
  return entries.filter((entry) => {
    if (filter.severity !== 'all' && entry.severity !== filter.severity) return false;
    if (filter.status !== 'all' && entry.status !== filter.status) return false;
    if (filter.source !== 'all' && (entry.source ?? '') !== filter.source) return false;
    if (!needle) return true;
    return (
      entry.title.toLowerCase().includes(needle) ||
      entry.message.toLowerCase().includes(needle) ||
      (entry.source?.toLowerCase().includes(needle) ?? false) ||
      entry.id.toLowerCase().includes(needle)
    );
  });
}

/**
 * The distinct sources, alphabetically, at most `limit` of them (a backend may invent thousands;
 * the text search still finds the rest).
 */
export function alertLogSources(entries: readonly AlertLogEntry[], limit: number): string[] {
  const seen = new Set<string>();
  for (const entry of entries) if (entry.source) seen.add(entry.source);
  return [...seen].sort((a, b) => a.localeCompare(b)).slice(0, Math.max(0, limit));
}
