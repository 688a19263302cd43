import { useMemo } from 'react';
import type { DataProblemKind, DataProblems as Problems } from '../../store';
import { formatClock, formatNumber } from '../i18n/format';
import type { Messages } from '../i18n/messages';
import { useDashboard } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';
import './connection.css';

/**
 * One quiet line about input the dashboard refused or dropped ("12 problems with incoming data
 * since 10:42 · 3 metrics ignored: too many distinct names"), with the counts by kind and the
 * latest detail of each one click away. Nothing at all while everything arrived intact: it is a
 * fact for whoever investigates, not an alarm. Details are server text, shown as text.
 */
export function DataProblems() {
  const problems = useDashboard((s) => s.dataProblems);
  const { t, locale } = useI18n();
  const rows = useMemo(() => rowsOf(problems), [problems]);
  if (problems.total === 0) return null;

  const ignored = problems.counts.get('series_limit') ?? 0;
  const refused = problems.total - ignored;
  const number = (n: number) => formatNumber(n, locale, 0);
  const parts: string[] = [];
  if (refused > 0)
    parts.push(
      t.dataProblemsSince(
        refused,
        formatClock(problems.since ?? Number.NaN, locale),
        number(refused),
      ),
    );
  // Written as the details below write them: a flood's "29,001", not "29001".
  if (ignored > 0) parts.push(t.metricsIgnored(ignored, number(ignored)));

  return (
    <details className="data-problems" data-testid="data-problems" data-total={problems.total}>
      <summary className="data-problems__summary">{parts.join(' · ')}</summary>
      <ul className="data-problems__list">
        {rows.map(({ kind, count, last }) => (
          <li key={kind} className="data-problems__item" data-problem-kind={kind}>
            <span className="data-problems__kind">{labelOf(t, kind)}</span>{' '}
            <span className="data-problems__count">{number(count)}</span>
            {last && (
              <span className="data-problems__detail">
                {t.dataProblemLast(last.detail, formatClock(last.at, locale))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

type Row = { kind: DataProblemKind; count: number; last: { detail: string; at: number } | null };

/** Most frequent first. */
function rowsOf(problems: Problems): Row[] {
  const rows: Row[] = [];
  for (const [kind, count] of problems.counts) {
    if (count > 0) rows.push({ kind, count, last: problems.last.get(kind) ?? null });
  }
  return rows.sort((a, b) => b.count - a.count);
}

/** A kind the realtime client adds later is still shown, by its name. */
function labelOf(t: Messages, kind: string): string {
  return Object.hasOwn(t.dataProblemKinds, kind) ? (t.dataProblemKinds[kind] ?? kind) : kind;
}
