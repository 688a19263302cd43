import type { MetricInfo, TopicInfo } from '../../realtime';
import type { Locale } from '../../store';
import { humanName } from '../shared/metric-catalog';
import { CATALOG_MESSAGES } from './catalog-messages';

/** Panels that sit together, under a heading; `heading: null` when nothing is grouped at all. */
export type PanelGroup = { key: string; heading: string | null; names: string[] };

/** A topic's name in the operator's language: the server's words, else its id. */
export function topicLabel(topic: TopicInfo, locale: Locale): string {
  const own = (key: string) =>
    topic.labels && Object.hasOwn(topic.labels, key) ? topic.labels[key] : undefined;
  return own(locale) ?? topic.label ?? own('en') ?? topic.id;
}

/** Whether a metric's panel is shown: one without a topic always is. */
export function onSubscribedTopic(info: MetricInfo | undefined, subscribed: ReadonlySet<string>) {
  return info?.topic === undefined || subscribed.has(info.topic);
}

/**
 * The panels to show, in groups: a metric whose topic is not subscribed is left out, and the
 * catalogue's `group`s gather their panels in the order the first of each appears (so the
 * operator's arrangement still orders groups and panels within them). A group named like a
 * topic is headed with that topic's label; the panels of no group come last, under "Other".
 * Without any group (a v1 server) there is one group and no heading: the screen is as before.
 */
export function groupPanels(
  names: readonly string[],
  metrics: ReadonlyMap<string, MetricInfo>,
  topics: readonly TopicInfo[],
  subscribed: ReadonlySet<string>,
  locale: Locale,
): PanelGroup[] {
  const groups = new Map<string, string[]>();
  const ungrouped: string[] = [];
  for (const name of names) {
    const info = metrics.get(name);
    if (!onSubscribedTopic(info, subscribed)) continue;
    if (info?.group === undefined) {
      ungrouped.push(name);
      continue;
    }
    const members = groups.get(info.group);
    if (members) members.push(name);
    else groups.set(info.group, [name]);
  }
  if (groups.size === 0)
    return ungrouped.length ? [{ key: '', heading: null, names: ungrouped }] : [];
  const topicById = new Map(topics.map((topic) => [topic.id, topic]));
  const out: PanelGroup[] = [...groups].map(([group, members]) => {
    const topic = topicById.get(group);
    return {
      key: `group:${group}`,
      heading: topic ? topicLabel(topic, locale) : humanName(group),
      names: members,
    };
  });
  if (ungrouped.length > 0)
    out.push({ key: 'ungrouped', heading: CATALOG_MESSAGES[locale].ungrouped, names: ungrouped });
  return out;
}
