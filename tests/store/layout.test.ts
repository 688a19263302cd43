import { describe, expect, it } from 'vitest';
import {
  arrange,
  DEFAULT_LAYOUT,
  hidePanel,
  isDefaultLayout,
  MAX_LAYOUT_NAMES,
  movePanel,
  readLayout,
  showPanel,
  type PanelLayout,
} from '../../src/store/layout';
import { MAX_ID_CHARS } from '../../src/realtime/limits';

const NAMES = ['a', 'b', 'c', 'd'];
const layout = (order: string[], hidden: string[] = []): PanelLayout => ({ order, hidden });

describe('arranging the panels', () => {
  it('shows every metric in the server order while nothing is arranged', () => {
    expect(arrange(NAMES, DEFAULT_LAYOUT)).toEqual({ visible: NAMES, hidden: [] });
  });

  it('puts the operator order first and a metric that appears later at the end', () => {
    const arranged = layout(['c', 'a', 'b']);
    expect(arrange(['a', 'b', 'c'], arranged).visible).toEqual(['c', 'a', 'b']);
    // `d` and `e` were not there when the operator arranged: they go last, in the server order.
    expect(arrange(['e', 'a', 'b', 'c', 'd'], arranged).visible).toEqual(['c', 'a', 'b', 'e', 'd']);
  });

  it('leaves out hidden panels and lists only those the dashboard has', () => {
    const arranged = layout([], ['b', 'gone']);
    expect(arrange(NAMES, arranged)).toEqual({ visible: ['a', 'c', 'd'], hidden: ['b'] });
  });

  it('forgets nothing about a metric the dashboard does not have right now', () => {
    const arranged = layout(['gone', 'b', 'a']);
    expect(arrange(['a', 'b'], arranged).visible).toEqual(['b', 'a']);
    expect(arrange(['a', 'b', 'gone'], arranged).visible).toEqual(['gone', 'b', 'a']);
  });
});

describe('moving a panel', () => {
  const visibleAfter = (start: PanelLayout, name: string, to: 'first' | 'up' | 'down' | 'last') =>
    arrange(NAMES, movePanel(start, NAMES, name, to)).visible;

  it('moves up, down, first and last among the shown panels', () => {
    expect(visibleAfter(DEFAULT_LAYOUT, 'c', 'up')).toEqual(['a', 'c', 'b', 'd']);
    expect(visibleAfter(DEFAULT_LAYOUT, 'b', 'down')).toEqual(['a', 'c', 'b', 'd']);
    expect(visibleAfter(DEFAULT_LAYOUT, 'c', 'first')).toEqual(['c', 'a', 'b', 'd']);
    expect(visibleAfter(DEFAULT_LAYOUT, 'a', 'last')).toEqual(['b', 'c', 'd', 'a']);
  });

  it('returns the same layout when a panel is already at the end it is moved to', () => {
    expect(movePanel(DEFAULT_LAYOUT, NAMES, 'a', 'up')).toBe(DEFAULT_LAYOUT);
    expect(movePanel(DEFAULT_LAYOUT, NAMES, 'd', 'last')).toBe(DEFAULT_LAYOUT);
    expect(movePanel(DEFAULT_LAYOUT, NAMES, 'unknown', 'first')).toBe(DEFAULT_LAYOUT);
  });

  it('steps over hidden panels, which keep their place for when they are shown again', () => {
    const start = layout([], ['b']);
    const moved = movePanel(start, NAMES, 'c', 'up');
    expect(arrange(NAMES, moved).visible).toEqual(['c', 'a', 'd']);
    expect(arrange(NAMES, showPanel(moved, 'b')).visible).toEqual(['c', 'b', 'a', 'd']);
  });

  it('moves a panel only among its group when the screen groups panels', () => {
    // Groups on screen: [a, c] and [b, d]. Moving d first puts it before b, not before a.
    const moved = movePanel(DEFAULT_LAYOUT, NAMES, 'd', 'first', ['b', 'd']);
    expect(arrange(NAMES, moved).visible).toEqual(['a', 'd', 'c', 'b']);
    expect(movePanel(DEFAULT_LAYOUT, NAMES, 'b', 'up', ['b', 'd'])).toBe(DEFAULT_LAYOUT);
  });

  it('does not move a hidden panel', () => {
    const start = layout([], ['b']);
    expect(movePanel(start, NAMES, 'b', 'first')).toBe(start);
  });
});

describe('hiding and showing', () => {
  it('hides a panel once and shows it again in its place', () => {
    const hidden = hidePanel(DEFAULT_LAYOUT, NAMES, 'b');
    expect(hidden.hidden).toEqual(['b']);
    expect(hidePanel(hidden, NAMES, 'b')).toBe(hidden);
    const shown = showPanel(hidden, 'b');
    expect(arrange(NAMES, shown)).toEqual({ visible: NAMES, hidden: [] });
    expect(isDefaultLayout(shown)).toBe(true);
  });

  it('treats names like __proto__ and constructor as names, not object members', () => {
    const names = ['__proto__', 'constructor', 'toString'];
    const hidden = hidePanel(hidePanel(DEFAULT_LAYOUT, names, '__proto__'), names, 'toString');
    expect(arrange(names, hidden)).toEqual({
      visible: ['constructor'],
      hidden: ['__proto__', 'toString'],
    });
  });

  it('keeps at most the cap of hidden names, the live ones first and then the latest', () => {
    const live = ['live'];
    let state = hidePanel(DEFAULT_LAYOUT, live, 'live');
    for (let i = 0; i < MAX_LAYOUT_NAMES + 5; i++) state = hidePanel(state, live, `old-${i}`);
    expect(state.hidden).toHaveLength(MAX_LAYOUT_NAMES);
    expect(state.hidden[0]).toBe('live');
    expect(state.hidden.at(-1)).toBe(`old-${MAX_LAYOUT_NAMES + 4}`);
    expect(state.hidden).not.toContain('old-0');
  });

  it('keeps the order within the cap, every live name kept', () => {
    const many = Array.from({ length: MAX_LAYOUT_NAMES }, (_, i) => `gone-${i}`);
    const names = ['x', 'y'];
    const moved = movePanel(layout(many), names, 'y', 'first');
    expect(moved.order).toHaveLength(MAX_LAYOUT_NAMES);
    expect(arrange(names, moved).visible).toEqual(['y', 'x']);
  });
});

describe('a layout read back from storage', () => {
  it('keeps what checks out and drops the rest', () => {
    const long = 'n'.repeat(MAX_ID_CHARS + 1);
    expect(
      readLayout({ order: ['b', 7, '', 'a', 'b', long, null], hidden: 'c', extra: 1 }),
    ).toEqual({ order: ['b', 'a'], hidden: [] });
  });

  it('ignores what is not a layout at all', () => {
    for (const value of [null, 'layout', 42, [['a']], undefined, { order: { 0: 'a' } }]) {
      const read = readLayout(value);
      expect(isDefaultLayout(read), JSON.stringify(value)).toBe(true);
    }
  });

  it('reads at most the cap of names from a huge stored list', () => {
    const huge = Array.from({ length: MAX_LAYOUT_NAMES * 3 }, (_, i) => `m${i}`);
    const read = readLayout({ order: huge, hidden: huge });
    expect(read.order).toHaveLength(MAX_LAYOUT_NAMES);
    expect(read.hidden).toHaveLength(MAX_LAYOUT_NAMES);
  });
});
