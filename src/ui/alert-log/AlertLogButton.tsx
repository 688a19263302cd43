import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { alertLogFor } from '../../store/alert-log-recorder';
import { useDashboardStore } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';
import { ALERT_LOG_BUTTON_MESSAGES } from './alert-log-button-messages';
import '../shared/controls.css';

// The log's view (the virtualised list, filters, CSV writer) loads when first opened.
const AlertLogDialog = lazy(() => import('./AlertLogDialog'));

/**
 * Opens the alert log. Mounted with the dashboard, it also starts the log's recording, so the
 * log holds the alerts the store later lets go, whether or not the view was ever opened.
 */
export function AlertLogButton() {
  const store = useDashboardStore();
  // Get-or-create: one log per store, the same on every render (and in StrictMode's double one).
  const log = useMemo(() => alertLogFor(store), [store]);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement | null>(null);
  const { locale } = useI18n();
  const text = ALERT_LOG_BUTTON_MESSAGES[locale];
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="button"
        data-action="alert-log"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">☰</span> {text.open}
      </button>
      {open && (
        <Suspense
          fallback={
            <span className="alert-log__loading" role="status">
              {text.loading}
            </span>
          }
        >
          <AlertLogDialog log={log} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
