import { useStore } from 'zustand';
import { useI18n } from '../i18n/use-i18n';
import { useDashboard } from '../shared/store-context';
import { CATALOG_MESSAGES } from './catalog-messages';
import { topicLabel } from './panel-groups';
import { useSubscribedTopics, useTopicChoiceStore } from './topic-choice-context';
import './topics.css';

/**
 * The catalogue's topics as toggles: pressing one subscribes to it, pressing it again
 * unsubscribes (the connection binding sends both through the client). Nothing when the backend
 * offers no topics (a v1 server).
 */
export function TopicPicker() {
  const topics = useDashboard((s) => s.catalog.topics);
  const subscribed = useSubscribedTopics();
  const choose = useStore(useTopicChoiceStore(), (s) => s.choose);
  const { locale } = useI18n();
  const m = CATALOG_MESSAGES[locale];
  if (topics.length === 0) return null;
  return (
    <div className="topics" role="group" aria-label={m.topics}>
      <span className="topics__label" aria-hidden="true">
        {m.topics}
      </span>
      {topics.map((topic) => {
        const on = subscribed.has(topic.id);
        return (
          <button
            key={topic.id}
            type="button"
            className="topics__option"
            aria-pressed={on}
            title={m.topicHint}
            data-topic={topic.id}
            onClick={() => choose(topic.id, !on)}
          >
            {/* Not colour alone: a tick marks a subscribed topic. */}
            <span className="topics__tick" aria-hidden="true">
              {on ? '✓' : ''}
            </span>
            {topicLabel(topic, locale)}
          </button>
        );
      })}
    </div>
  );
}
