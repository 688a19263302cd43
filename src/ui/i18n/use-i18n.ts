import { useCallback } from 'react';
import type { Locale } from '../../store';
import { useEnvironment } from '../shared/environment';
import { MESSAGES, pickLocale, type Messages } from './messages';
import { useOperator } from '../shared/operator-context';

/** The UI language: the operator's choice if they made one, else the browser's. */
export function useI18n(): { locale: Locale; t: Messages; setLocale: (locale: Locale) => void } {
  const chosen = useOperator((s) => s.prefs.locale);
  const setPrefs = useOperator((s) => s.setPrefs);
  const { languages } = useEnvironment();
  const locale = chosen ?? pickLocale(languages);
  const setLocale = useCallback((next: Locale) => setPrefs({ locale: next }), [setPrefs]);
  return { locale, t: MESSAGES[locale], setLocale };
}
