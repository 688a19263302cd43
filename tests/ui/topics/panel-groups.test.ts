import { describe, expect, it } from 'vitest';
import type { MetricInfo, TopicInfo } from '../../../src/realtime';
import { groupPanels } from '../../../src/ui/topics/panel-groups';

const metrics = new Map<string, MetricInfo>([
  ['cargo_temperature', { name: 'cargo_temperature', group: 'cold-chain' }],
  ['wall_42', { name: 'wall_42', topic: 'product:42', group: 'product:42' }],
  ['fill_7', { name: 'fill_7', topic: 'product:7', group: 'product:7' }],
  ['on_time_rate', { name: 'on_time_rate', group: 'cold-chain' }],
]);
const topics: TopicInfo[] = [
  { id: 'product:42', labels: { en: 'Product 42 line', ko: '제품 42 라인' } },
  { id: 'product:7', label: 'Product 7 line' },
];

describe('panel groups', () => {
  it('shows one group without a heading when nothing is grouped (a v1 server)', () => {
    expect(groupPanels(['a', 'b'], new Map(), [], new Set(), 'en')).toEqual([
      { key: '', heading: null, names: ['a', 'b'] },
    ]);
  });

  it('leaves out the panels of topics not subscribed', () => {
    const names = ['cargo_temperature', 'wall_42', 'fill_7', 'on_time_rate'];
    const groups = groupPanels(names, metrics, topics, new Set(['product:42']), 'en');
    expect(groups.flatMap((g) => g.names)).not.toContain('fill_7');
    expect(groups.flatMap((g) => g.names)).toContain('wall_42');
  });

  it("gathers a group's panels together, heading it with its topic's label in the language", () => {
    const names = ['cargo_temperature', 'wall_42', 'on_time_rate', 'other'];
    const groups = groupPanels(names, metrics, topics, new Set(['product:42']), 'ko');
    expect(groups).toEqual([
      {
        key: 'group:cold-chain',
        heading: 'Cold chain',
        names: ['cargo_temperature', 'on_time_rate'],
      },
      { key: 'group:product:42', heading: '제품 42 라인', names: ['wall_42'] },
      { key: 'ungrouped', heading: '기타 지표', names: ['other'] },
    ]);
  });
});
