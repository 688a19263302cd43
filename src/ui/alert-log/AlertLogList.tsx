import { memo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AlertLogEntry } from '../../store/alert-log';
import { formatClock, isoTime } from '../i18n/format';
import { useI18n } from '../i18n/use-i18n';
import { ALERT_LOG_MESSAGES } from './alert-log-messages';

/** Every row is this tall (three lines, each clipped with an ellipsis): no measuring needed. */
export const ROW_HEIGHT = 76;
const OVERSCAN = 6;

/**
 * The log's entries, newest first, only the rows in view (plus a few) in the DOM: 10,000 entries
 * scroll as lightly as 10. The scroller takes focus, so arrow and page keys scroll it; each row
 * says its place in the whole list to screen readers.
 */
export function AlertLogList({
  entries,
  label,
}: {
  entries: readonly AlertLogEntry[];
  label: string;
}) {
  const scroller = useRef<HTMLDivElement | null>(null);
  // No React Compiler here: the list re-renders on the virtualizer's own scroll updates.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (index) => entries[index]?.id ?? index,
  });
  return (
    <div
      ref={scroller}
      className="alert-log__scroller"
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid="alert-log-scroller"
    >
      <ul className="alert-log__list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index];
          if (!entry) return null;
          return (
            <AlertLogRow
              key={item.key}
              entry={entry}
              top={item.start}
              position={item.index + 1}
              total={entries.length}
            />
          );
        })}
      </ul>
    </div>
  );
}

const AlertLogRow = memo(function AlertLogRow({
  entry,
  top,
  position,
  total,
}: {
  entry: AlertLogEntry;
  top: number;
  position: number;
  total: number;
}) {
  const { t, locale } = useI18n();
  const m = ALERT_LOG_MESSAGES[locale];
  return (
    <li
      className={`alert-log__row alert-log__row--${entry.severity}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      aria-setsize={total}
      aria-posinset={position}
      // Not `data-alert-id`: that names the alerts panel's rows (a public contract).
      data-log-alert-id={entry.id}
      data-status={entry.status}
      data-severity={entry.severity}
    >
      <div className="alert-log__line">
        <span className={`alert-log__severity alert-log__severity--${entry.severity}`}>
          {t.severity[entry.severity]}
        </span>
        <time className="alert-log__time" dateTime={isoTime(entry.ts)} title={m.raised}>
          {formatClock(entry.ts, locale)}
        </time>
        <span className="alert-log__alert-title">{entry.title}</span>
        {entry.source && <span className="alert-log__source">{entry.source}</span>}
        <span className="alert-log__status">{t.alertStatus[entry.status]}</span>
      </div>
      <div className="alert-log__line alert-log__message">{entry.message}</div>
      <ol className="alert-log__line alert-log__history" aria-label={m.historyLabel}>
        {entry.history.map((item, i) => (
          <li key={i}>
            {formatClock(item.at, locale)} {t.alertStatus[item.status]}
            {item.by ? ` · ${t.by(item.by)}` : ''}
          </li>
        ))}
      </ol>
    </li>
  );
});
