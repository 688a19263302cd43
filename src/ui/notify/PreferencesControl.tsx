import { lazy, Suspense, useState } from 'react';
import { formatClock } from '../i18n/format';
import { useI18n } from '../i18n/use-i18n';
import { useOperator } from '../shared/operator-context';
import { NOTIFY_MESSAGES } from './notify-messages';
import '../shared/controls.css';
import './notify.css';

// Only an operator who opens the preferences needs their form: it stays out of the first load.
const PreferencesPanel = lazy(() => import('./PreferencesPanel'));

/**
 * The toolbar's entry to the notification preferences (a disclosure: Enter or Space opens it,
 * Escape closes it, see useEscapeClosesDetails), and, while a quiet period runs, its end time
 * with a control that ends it at once.
 */
export function PreferencesControl() {
  const [open, setOpen] = useState(false);
  const quietUntil = useOperator((s) => s.notify.quietUntil);
  const endQuiet = useOperator((s) => s.endQuiet);
  const { locale } = useI18n();
  const m = NOTIFY_MESSAGES[locale];
  return (
    <>
      <details
        className="prefs"
        data-testid="preferences"
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary className="button prefs__summary" data-action="preferences">
          <BellIcon /> {m.open}
        </summary>
        {open && (
          <Suspense fallback={<p className="prefs__panel">{m.loading}</p>}>
            <PreferencesPanel />
          </Suspense>
        )}
      </details>
      {quietUntil !== null && (
        <p className="quiet-note" data-testid="quiet-period" data-until={quietUntil}>
          {m.quietUntil(formatClock(quietUntil, locale))}{' '}
          <button
            type="button"
            className="button button--small"
            data-action="end-quiet"
            onClick={endQuiet}
          >
            {m.endQuiet}
          </button>
        </p>
      )}
    </>
  );
}

/** Drawn, not an emoji: kiosk and headless browsers often have no emoji font. */
function BellIcon() {
  return (
    <svg className="prefs__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d="M8 1.5a4 4 0 0 0-4 4v2.8L2.5 11h11L12 8.3V5.5a4 4 0 0 0-4-4ZM6.3 12.5a1.8 1.8 0 0 0 3.4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
    </svg>
  );
}
