import { useEffect } from 'react';
// The layout's styles first, then each feature's (through its components) in the order of the
// old single stylesheet: the cascade between rules of equal weight stays as it was.
import './dashboard.css';
import { ConnectionBadge } from '../connection/ConnectionBadge';
import { DataProblems } from '../connection/DataProblems';
import { PanelGrid } from './PanelGrid';
import type { LayoutStore } from '../../store/layout-store';
import { AlertList } from '../alerts/AlertList';
import { LazyAlertNotices } from './LazyAlertNotices';
import { usePaused } from '../shared/redraw-context';
import { Toolbar } from '../toolbar/Toolbar';
import { TopicPicker } from '../topics/TopicPicker';
import { PreferencesControl } from '../notify/PreferencesControl';
import { AlertLogButton } from '../alert-log/AlertLogButton';
import { useResendPendingAcks } from '../alerts/use-alerts';
import { useEscapeClosesDetails } from '../shared/use-escape-closes-details';
import { useI18n } from '../i18n/use-i18n';

/**
 * The operator's screen. Reads the stores only; the connection is owned by
 * `useRealtimeConnection`. Needs the providers of `DashboardProviders` above it.
 */
export function Dashboard({
  notice,
  layout,
}: {
  notice?: string | undefined;
  /** The panel layout (App keeps it per backend); in memory when absent. */
  layout?: LayoutStore | undefined;
}) {
  const [paused] = usePaused();
  const { t, locale } = useI18n();
  useResendPendingAcks();
  useEscapeClosesDetails();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">{t.appTitle}</h1>
        <ConnectionBadge />
        <Toolbar>
          <PreferencesControl />
          <AlertLogButton />
          <TopicPicker />
        </Toolbar>
        {/* Notices inside the banner landmark, so a screen reader's landmark list reaches them. */}
        {notice && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        {paused && (
          <p className="notice notice--paused" data-testid="paused-note">
            {t.pausedNote}
          </p>
        )}
        <DataProblems />
      </header>
      <main className="app__main">
        <PanelGrid store={layout} />
        <AlertList />
      </main>
      {/* Toasts and announcements: loaded just after the first paint. */}
      <LazyAlertNotices />
    </div>
  );
}
