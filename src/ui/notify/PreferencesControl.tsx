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
          <span aria-hidden="true">🔔</span> {m.open}
        </summary>
        {open && (
          <Suspense fallback={<p className="prefs__panel">{m.loading}</p>}>
            <PreferencesPanel />
          </Suspense>
        )}
      </details>
      {quietUntil !== null && (
        <p className="quiet-note" data-testid="quiet-period" data-until={quietUntil}>
          <span aria-hidden="true">🔕</span> {m.quietUntil(formatClock(quietUntil, locale))}{' '}
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
