import { useId, useState } from 'react';
import type { Severity } from '../../realtime';
import { QUIET_MINUTES, SEVERITIES, type NotifyPrefs } from '../../store';
import { useI18n } from '../i18n/use-i18n';
import { useEnvironment } from '../shared/environment';
import { useOperator } from '../shared/operator-context';
import { NOTIFY_MESSAGES } from './notify-messages';
import { PREFS_MESSAGES } from './prefs-messages';
import './prefs-panel.css';

/**
 * The operator's notification choices for this backend: toast threshold, system notifications
 * (the browser's permission is asked here, from the operator's click, never on load), sound and
 * a quiet period. Loaded on first open (PreferencesControl).
 */
export default function PreferencesPanel() {
  const notify = useOperator((s) => s.notify);
  const setNotify = useOperator((s) => s.setNotify);
  const startQuiet = useOperator((s) => s.startQuiet);
  const endQuiet = useOperator((s) => s.endQuiet);
  const { notify: ports } = useEnvironment();
  const { t, locale } = useI18n();
  const m = { ...NOTIFY_MESSAGES[locale], ...PREFS_MESSAGES[locale] };
  const [permission, setPermission] = useState(() => ports?.permission() ?? 'unsupported');
  const id = useId();

  const ask = async () => {
    if (!ports) return;
    setPermission(await ports.requestPermission());
  };
  const setSystem = (on: boolean) => {
    setNotify({ system: on });
    if (on && permission === 'default') void ask();
  };
  const setSound = (on: boolean) => {
    // This change is a user gesture: the one moment the browser lets audio start.
    if (on) ports?.sound.unlock();
    setNotify({ sound: on });
  };

  const threshold = (field: 'toastMin' | 'notifyMin', label: string) => (
    <label className="prefs__row">
      <span>{label}</span>
      <select
        value={notify[field]}
        data-pref={field}
        onChange={(event) =>
          setNotify({ [field]: event.target.value as Severity } as Partial<NotifyPrefs>)
        }
      >
        {SEVERITIES.map((severity) => (
          <option key={severity} value={severity}>
            {severity === 'info' ? t.severity.all : m.atLeast(t.severity[severity])}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="prefs__panel" role="group" aria-labelledby={`${id}-heading`}>
      <h2 className="prefs__heading" id={`${id}-heading`}>
        {m.heading}
      </h2>
      {threshold('toastMin', m.toastMin)}

      <fieldset className="prefs__group">
        <legend>{m.systemHeading}</legend>
        <label className="prefs__check">
          <input
            type="checkbox"
            checked={notify.system}
            data-pref="system"
            onChange={(event) => setSystem(event.target.checked)}
          />
          {m.system}
        </label>
        <p className="prefs__hint">{m.systemHint}</p>
        {threshold('notifyMin', m.notifyMin)}
        <p className="prefs__hint" data-permission={permission} role="status">
          {m.permission[permission]}
        </p>
        {permission === 'default' && (
          <button
            type="button"
            className="button button--small"
            data-action="allow-notifications"
            onClick={() => void ask()}
          >
            {m.askPermission}
          </button>
        )}
      </fieldset>

      <fieldset className="prefs__group">
        <legend>{m.soundHeading}</legend>
        <label className="prefs__check">
          <input
            type="checkbox"
            checked={notify.sound}
            data-pref="sound"
            onChange={(event) => setSound(event.target.checked)}
          />
          {m.sound}
        </label>
        <p className="prefs__hint">{m.soundHint}</p>
        {notify.sound && (
          <button
            type="button"
            className="button button--small"
            data-action="test-sound"
            onClick={() => {
              ports?.sound.unlock();
              ports?.sound.beep();
            }}
          >
            {m.testSound}
          </button>
        )}
      </fieldset>

      <fieldset className="prefs__group">
        <legend>{m.quiet}</legend>
        <p className="prefs__hint">{m.quietHint}</p>
        <div className="segmented" role="group" aria-label={m.quiet}>
          {QUIET_MINUTES.map((minutes) => (
            <button
              key={minutes}
              type="button"
              className="segmented__option"
              data-quiet={minutes}
              onClick={() => startQuiet(minutes)}
            >
              {m.quietFor(minutes)}
            </button>
          ))}
        </div>
        {notify.quietUntil !== null && (
          <button
            type="button"
            className="button button--small prefs__end-quiet"
            onClick={endQuiet}
          >
            {m.endQuiet}
          </button>
        )}
      </fieldset>
    </div>
  );
}
