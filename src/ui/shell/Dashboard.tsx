import { useEffect } from 'react';
import { Toaster } from 'react-hot-toast';
// The layout's styles first, then each feature's (through its components) in the order of the
// old single stylesheet: the cascade between rules of equal weight stays as it was.
import './dashboard.css';
import { ConnectionBadge } from '../connection/ConnectionBadge';
import { DataProblems } from '../connection/DataProblems';
import { PanelGrid } from './PanelGrid';
import type { LayoutStore } from '../../store/layout-store';
import { AlertAnnouncer } from '../alerts/AlertAnnouncer';
import { AlertList } from '../alerts/AlertList';
import { AlertToasts } from '../alerts/AlertToasts';
import { usePaused } from '../shared/redraw-context';
import { Toolbar } from '../toolbar/Toolbar';
import { TopicPicker } from '../topics/TopicPicker';
import { PreferencesControl } from '../notify/PreferencesControl';
import { useNotify } from '../notify/use-notify';
import { AlertLogButton } from '../alert-log/AlertLogButton';
import { useResendPendingAcks } from '../alerts/use-alerts';
import { useEscapeClosesDetails } from '../shared/use-escape-closes-details';
import { useI18n } from '../i18n/use-i18n';
import { useToastShortcut } from '../alerts/use-toast-shortcut';
import { useSpcAlerts } from '../metrics/spc/use-spc-alerts';

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
  useToastShortcut();
  useSpcAlerts();
  useEscapeClosesDetails();
  useNotify();
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
      <AlertToasts />
      <AlertAnnouncer />
      {/* A named region, so the toasts are inside a landmark a screen reader can list. */}
      <section aria-label={t.toastRegion}>
        <Toaster position="bottom-right" gutter={8} containerClassName="toaster" />
      </section>
    </div>
  );
}
