import { useEffect, useRef } from 'react';
import { quietActive } from '../../store';
import { useEnvironment } from '../shared/environment';
import { useOperator, useOperatorStore } from '../shared/operator-context';
import { useDashboardStore } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';
import { watchAlertsForNotices, type NoticeText } from './alert-notifier';
import { focusAlert } from './focus-alert';
import { NOTIFY_MESSAGES } from './notify-messages';
import { watchTitleCount } from './title-count';

/**
 * Everything that reaches the operator outside the page's own view, mounted once by the
 * dashboard: system notifications and the beep (alert-notifier, loaded once either is on), the
 * count in the tab title, the end of a quiet period, and the first gesture that lets a stored
 * "sound on" play.
 */
export function useNotify(): void {
  const store = useDashboardStore();
  const operator = useOperatorStore();
  const { notify: ports, now } = useEnvironment();
  const { t, locale } = useI18n();
  const text = useRef<NoticeText | null>(null);
  useEffect(() => {
    text.current = {
      title: (alert) =>
        NOTIFY_MESSAGES[locale].noticeTitle(t.severity[alert.severity], alert.title),
      more: (count) => ({
        title: NOTIFY_MESSAGES[locale].moreNotices(count),
        body: NOTIFY_MESSAGES[locale].moreNoticesBody,
      }),
    };
  }, [t, locale]);

  useEffect(() => {
    if (!ports) return;
    return watchTitleCount(store, operator, ports);
  }, [store, operator, ports]);

  // Watches only for an operator who turned notifications or sound on. Bundled with this hook,
  // which the dashboard loads after its first paint: a second lazy step here let an alert that
  // arrived while the operator looked be judged later, when they might have looked away.
  const active = useOperator((s) => s.notify.system || s.notify.sound);
  useEffect(() => {
    if (!ports || !active) return;
    return watchAlertsForNotices({
      store,
      operator,
      ports,
      now,
      text: () => text.current!,
      onOpen: (id) => focusAlert(id, operator),
    });
  }, [store, operator, ports, now, active]);

  useQuietPeriodEnds();

  const sound = useOperator((s) => s.notify.sound);
  useEffect(() => {
    if (!ports || !sound) return;
    // Sound was turned on before this load: browsers let audio start only from a gesture.
    const unlock = () => {
      ports.sound.unlock();
      off();
    };
    const off = () => {
      document.removeEventListener('pointerdown', unlock, true);
      document.removeEventListener('keydown', unlock, true);
    };
    document.addEventListener('pointerdown', unlock, true);
    document.addEventListener('keydown', unlock, true);
    return off;
  }, [ports, sound]);
}

/** A quiet period ends by itself at its end time, so the toolbar stops showing it. */
function useQuietPeriodEnds(): void {
  const operator = useOperatorStore();
  const until = useOperator((s) => s.notify.quietUntil);
  const { now } = useEnvironment();
  useEffect(() => {
    if (until === null) return;
    const end = () => {
      const { notify, endQuiet } = operator.getState();
      if (notify.quietUntil === until && !quietActive(notify, now())) endQuiet();
    };
    const timer = setTimeout(end, Math.max(0, until - now()));
    return () => clearTimeout(timer);
  }, [operator, until, now]);
}
