import { Toaster } from 'react-hot-toast';
import { AlertAnnouncer } from '../alerts/AlertAnnouncer';
import { AlertToasts } from '../alerts/AlertToasts';
import { useToastShortcut } from '../alerts/use-toast-shortcut';
import { useI18n } from '../i18n/use-i18n';
import { useSpcAlerts } from '../metrics/spc/use-spc-alerts';
import { useNotify } from '../notify/use-notify';

/**
 * Everything that tells the operator of a new alert beyond the alerts panel: the toasts (with
 * react-hot-toast's `<Toaster/>` in a named region, so a screen reader can list it) and their
 * keyboard shortcut, the screen reader announcements, system notifications, the beep and the
 * tab title's count, and the alerts the dashboard raises itself for control-chart rule
 * violations. A module of its own so the dashboard can load it after its first paint
 * (`LazyAlertNotices`); each part starts from what the stores hold.
 */
export default function AlertNotices() {
  const { t } = useI18n();
  useToastShortcut();
  useNotify();
  useSpcAlerts();
  return (
    <>
      <AlertToasts />
      <AlertAnnouncer />
      <section aria-label={t.toastRegion}>
        <Toaster position="bottom-right" gutter={8} containerClassName="toaster" />
      </section>
    </>
  );
}
