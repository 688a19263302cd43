import { useMemo, type ReactNode } from 'react';
import { useDashboard } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';
import { groupPanels } from './panel-groups';
import { useSubscribedTopics } from './topic-choice-context';
import './topics.css';

/**
 * The metric grid's panels gathered by the catalogue's groups, each group under a heading that
 * spans the grid; panels of unsubscribed topics left out. `render` draws one panel.
 */
export function GroupedPanels({
  names,
  render,
}: {
  names: readonly string[];
  render: (name: string) => ReactNode;
}) {
  const metrics = useDashboard((s) => s.catalog.metrics);
  const topics = useDashboard((s) => s.catalog.topics);
  const subscribed = useSubscribedTopics();
  const { locale } = useI18n();
  const groups = useMemo(
    () => groupPanels(names, metrics, topics, subscribed, locale),
    [names, metrics, topics, subscribed, locale],
  );
  return groups.map((group) =>
    group.heading === null ? (
      group.names.map(render)
    ) : (
      <div key={group.key} className="metric-group" role="group" aria-label={group.heading}>
        <h2 className="metric-group__heading" data-group={group.key}>
          {group.heading}
        </h2>
        {group.names.map(render)}
      </div>
    ),
  );
}
