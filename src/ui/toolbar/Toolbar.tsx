import type { ReactNode } from 'react';
import { LOCALES, WINDOW_MINUTES, type Locale } from '../../store';
import { BackendIdentity } from './BackendIdentity';
import { LOCALE_NAMES } from '../i18n/messages';
import { useOperator } from '../shared/operator-context';
import { usePaused } from '../shared/redraw-context';
import { useI18n } from '../i18n/use-i18n';
import '../shared/controls.css';
import './toolbar.css';

/**
 * The operator's view controls: chart window, pause/resume and language; beside them, which
 * backend the dashboard is watching (outside the toolbar role: it is not a control). `children`:
 * controls of other features (the shell places them; features do not import each other).
 */
export function Toolbar({ children }: { children?: ReactNode }) {
  const windowMinutes = useOperator((s) => s.prefs.windowMinutes);
  const setPrefs = useOperator((s) => s.setPrefs);
  const [paused, setPaused] = usePaused();
  const { t, locale, setLocale } = useI18n();
  return (
    <>
      <BackendIdentity />
      <div className="toolbar" role="toolbar" aria-label={t.toolbar}>
        <div className="segmented" role="group" aria-label={t.window}>
          <span className="segmented__label" aria-hidden="true">
            {t.window}
          </span>
          {WINDOW_MINUTES.map((minutes) => (
            <button
              key={minutes}
              type="button"
              className="segmented__option"
              aria-pressed={windowMinutes === minutes}
              data-window={minutes}
              onClick={() => setPrefs({ windowMinutes: minutes })}
            >
              {t.minutes(minutes)}
            </button>
          ))}
        </div>
        <button
          type="button"
          className={`button${paused ? ' button--active' : ''}`}
          aria-pressed={paused}
          data-action="pause"
          onClick={() => setPaused(!paused)}
        >
          <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span> {paused ? t.resume : t.pause}
        </button>
        <label className="select">
          <span className="select__label">{t.language}</span>
          <select
            value={locale}
            onChange={(event) => setLocale(event.target.value as Locale)}
            data-action="language"
          >
            {LOCALES.map((value) => (
              <option key={value} value={value} lang={value}>
                {LOCALE_NAMES[value]}
              </option>
            ))}
          </select>
        </label>
        {children}
      </div>
    </>
  );
}
