import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../i18n/use-i18n';
import { useDashboard } from '../shared/store-context';
import { SHARING_MESSAGES } from './sharing-messages';

/**
 * How this tab reaches the backend, beside the badge: one connection for the browser, held by
 * this tab or another, or this tab's own (`data-sharing` = shared-worker | leader | follower |
 * tab). An engine that says nothing about sharing is this tab's own.
 */
export function SharingDetail() {
  const sharing = useDashboard(
    useShallow((s) => ({
      mode: s.connection?.sharing?.mode ?? 'tab',
      tabs: s.connection?.sharing?.tabs ?? 1,
      handoff: s.connection?.sharing?.handoff === true,
    })),
  );
  const { locale } = useI18n();
  const text = SHARING_MESSAGES[locale];
  return (
    <span
      className="connection__meta"
      data-testid="connection-sharing"
      data-sharing={sharing.mode}
      data-tabs={sharing.tabs}
    >
      {sharing.handoff ? text.handoff : text.mode[sharing.mode](sharing.tabs)}
    </span>
  );
}
