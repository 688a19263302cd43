import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { AlertStatus, Severity } from '../../realtime';
import type { AlertLog } from '../../store/alert-log';
import {
  ALL_ALERTS,
  alertLogSources,
  filterAlertLog,
  type AlertLogFilter,
} from '../../store/alert-log-filter';
import { downloadCsv, exportFileName } from '../export/download';
import { useEnvironment } from '../shared/environment';
import { useI18n } from '../i18n/use-i18n';
import { alertLogCsv } from './alert-log-csv';
import { ALERT_LOG_MESSAGES } from './alert-log-messages';
import { AlertLogList } from './AlertLogList';
import '../shared/controls.css';
import './alert-log.css';

const SEVERITIES: readonly (Severity | 'all')[] = ['all', 'critical', 'warning', 'info'];
const STATUSES: readonly (AlertStatus | 'all')[] = ['all', 'open', 'acknowledged', 'resolved'];
/** Sources offered in the filter; a backend may invent thousands, the search finds the rest. */
export const MAX_SOURCE_OPTIONS = 200;

/**
 * The shift's record as a modal dialog: search, filters, the count shown and dropped, CSV export
 * of what is shown, and the virtualised list. Escape or Close ends it; focus goes back to the
 * control that opened it.
 */
export default function AlertLogDialog({ log, onClose }: { log: AlertLog; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  const snapshot = useSyncExternalStore(log.subscribe, log.snapshot);
  const [filter, setFilter] = useState<AlertLogFilter>(ALL_ALERTS);
  // Typing stays responsive: the list filters 10,000 entries behind the keystrokes.
  const text = useDeferredValue(filter.text);
  const [failed, setFailed] = useState(false);
  const { t, locale } = useI18n();
  const m = ALERT_LOG_MESSAGES[locale];
  const { now } = useEnvironment();
  const titleId = useId();

  const shown = useMemo(
    () => filterAlertLog(snapshot.entries, { ...filter, text }),
    [snapshot.entries, filter, text],
  );
  const sources = useMemo(
    () => alertLogSources(snapshot.entries, MAX_SOURCE_OPTIONS),
    [snapshot.entries],
  );

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
  }, []);

  const exportShown = () => {
    try {
      downloadCsv(exportFileName('alerts', now()), alertLogCsv(shown));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  const update = (patch: Partial<AlertLogFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <dialog
      ref={dialog}
      className="alert-log"
      aria-labelledby={titleId}
      data-testid="alert-log"
      // Escape (the `cancel` event) and `close()` both end here: the parent unmounts the dialog.
      onClose={onClose}
    >
      {/* Not <header>: outside sectioning content it would be a second banner landmark. */}
      <div className="alert-log__header">
        <h2 className="alert-log__title" id={titleId}>
          {m.title}
        </h2>
        <button
          type="button"
          className="button button--small"
          data-action="close-alert-log"
          onClick={() => dialog.current?.close()}
        >
          {m.close}
        </button>
      </div>
      <div className="alert-log__filters" role="group" aria-label={m.search}>
        <label className="alert-log__search">
          <span className="select__label">{m.search}</span>
          <input
            type="search"
            value={filter.text}
            placeholder={m.searchPlaceholder}
            data-log-filter="text"
            onChange={(event) => update({ text: event.target.value })}
          />
        </label>
        <label className="select">
          <span className="select__label">{t.severityFilter}</span>
          <select
            value={filter.severity}
            data-log-filter="severity"
            onChange={(event) => update({ severity: event.target.value as Severity | 'all' })}
          >
            {SEVERITIES.map((value) => (
              <option key={value} value={value}>
                {t.severity[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="select">
          <span className="select__label">{t.statusFilter}</span>
          <select
            value={filter.status}
            data-log-filter="status"
            onChange={(event) => update({ status: event.target.value as AlertStatus | 'all' })}
          >
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t.alertStatus[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="select">
          <span className="select__label">{m.source}</span>
          <select
            value={filter.source}
            data-log-filter="source"
            onChange={(event) => update({ source: event.target.value })}
          >
            <option value="all">{m.allSources}</option>
            <option value="">{m.noSource}</option>
            {sources.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--small"
          data-action="export-alerts"
          aria-label={m.exportLabel(shown.length)}
          disabled={shown.length === 0}
          onClick={exportShown}
        >
          <span aria-hidden="true">⤓</span> {m.exportCsv}
        </button>
      </div>
      <p className="alert-log__count" role="status" data-shown={shown.length}>
        {m.showing(shown.length, snapshot.entries.length)}
        {failed && ` · ${m.exportFailed}`}
      </p>
      {snapshot.dropped > 0 && (
        <p className="alert-log__dropped" data-dropped={snapshot.dropped}>
          {m.dropped(snapshot.dropped, log.capacity)}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="alert-log__empty">{snapshot.entries.length === 0 ? m.empty : m.noMatch}</p>
      ) : (
        <AlertLogList entries={shown} label={m.title} />
      )}
    </dialog>
  );
}
