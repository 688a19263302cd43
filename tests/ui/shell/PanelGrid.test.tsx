import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLayoutStore, type LayoutStore } from '../../../src/store/layout-store';
import { PanelGrid } from '../../../src/ui/shell/PanelGrid';
import { MetricPanel } from '../../../src/ui/metrics/MetricPanel';
import { applyEvents, createOperatorStore } from '../../../src/store';
import { advance, push } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

const order = () =>
  [...document.querySelectorAll('[data-metric]')].map((el) => el.getAttribute('data-metric'));
const inPanel = (name: string, action: string) =>
  document.querySelector<HTMLElement>(`[data-metric="${name}"] [data-action="${action}"]`)!;
const hiddenSummary = () => document.querySelector<HTMLElement>('[data-action="hidden-panels"]')!;
const announced = () => screen.getByTestId('layout-announcement').textContent;

async function renderGrid(layout: LayoutStore = createLayoutStore(), names = ['a', 'b', 'c']) {
  const result = renderDashboard(<PanelGrid store={layout} />);
  for (const name of names) push(result.store, name, T0, 1);
  await advance(100);
  return { ...result, layout };
}

beforeAll(async () => {
  // Load the lazily imported chart once, so React.lazy resolves in a microtask under fake timers.
  await import('../../../src/ui/metrics/MetricChart');
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('arranging the panels', () => {
  it('hides a panel without mounting it, lists it with a count, and shows it again in place', async () => {
    await renderGrid();
    expect(hiddenSummary()).toHaveTextContent('Hidden panels (0)');
    act(() => inPanel('b', 'hide-panel').click());
    expect(order()).toEqual(['a', 'c']);
    expect(document.querySelector('[data-metric="b"]')).toBeNull();
    expect(hiddenSummary()).toHaveTextContent('Hidden panels (1)');
    // The button went away with its panel: focus lands where the panel can be brought back.
    expect(document.activeElement).toBe(hiddenSummary());
    expect(announced()).toBe('B hidden. Hidden panels lists it to show it again.');
    act(() => screen.getByRole('button', { name: 'Show B' }).click());
    expect(order()).toEqual(['a', 'b', 'c']);
    expect(hiddenSummary()).toHaveTextContent('Hidden panels (0)');
    expect(announced()).toBe('B shown.');
  });

  it('moves a panel with its menu, keeps focus on the control used and says where it went', async () => {
    await renderGrid();
    const up = inPanel('c', 'move-up');
    up.focus();
    act(() => up.click());
    expect(order()).toEqual(['a', 'c', 'b']);
    expect(document.activeElement).toBe(up);
    expect(announced()).toBe('C moved to position 2 of 3.');
    act(() => inPanel('c', 'move-first').click());
    expect(order()).toEqual(['c', 'a', 'b']);
    act(() => inPanel('c', 'move-up').click());
    expect(order()).toEqual(['c', 'a', 'b']);
    expect(announced()).toBe('C is already at position 1 of 3.');
    act(() => inPanel('a', 'move-last').click());
    act(() => inPanel('b', 'move-down').click());
    expect(order()).toEqual(['c', 'a', 'b']);
  });

  it('moves a panel within its group when the catalogue groups the panels', async () => {
    const { store } = await renderGrid(createLayoutStore(), []);
    const metrics = ['a', 'b', 'c', 'd'].map((name, i) => ({ name, group: i % 2 ? 'g2' : 'g1' }));
    act(() =>
      applyEvents(
        store,
        [{ type: 'message', message: { type: 'catalog', seq: 1, metrics, topics: [] } }],
        null,
      ),
    );
    for (const { name } of metrics) push(store, name, T0, 1);
    await advance(100);
    expect(order()).toEqual(['a', 'c', 'b', 'd']);
    act(() => inPanel('d', 'move-first').click());
    expect(order()).toEqual(['a', 'c', 'd', 'b']);
    expect(announced()).toBe('D moved to position 1 of 2.');
  });

  it('gives a metric that appears after arranging a place at the end', async () => {
    const { store } = await renderGrid();
    act(() => inPanel('c', 'move-first').click());
    push(store, 'd', T0, 1);
    await advance(100);
    expect(order()).toEqual(['c', 'a', 'b', 'd']);
  });

  it('resets to the server order with every panel shown', async () => {
    await renderGrid();
    act(() => inPanel('c', 'move-first').click());
    act(() => inPanel('a', 'hide-panel').click());
    expect(order()).toEqual(['c', 'b']);
    act(() => screen.getByRole('button', { name: 'Reset layout' }).click());
    expect(order()).toEqual(['a', 'b', 'c']);
    expect(announced()).toMatch(/^Layout reset/);
  });

  it('closes its popovers on a press outside them, and not on one inside', async () => {
    await renderGrid();
    const hiddenList = hiddenSummary().closest('details')!;
    const menu = inPanel('a', 'move-up').closest('details')!;
    hiddenList.open = true;
    menu.open = true;
    fireEvent.pointerDown(inPanel('a', 'move-up'));
    expect([hiddenList.open, menu.open]).toEqual([false, true]);
    fireEvent.pointerDown(document.body);
    expect(menu.open).toBe(false);
  });

  it('starts from the layout the store holds, and says so when storage refuses to keep it', async () => {
    const layout = createLayoutStore();
    layout.setState({ layout: { order: ['b'], hidden: ['a'] }, storageFailures: 2 });
    await renderGrid(layout);
    expect(order()).toEqual(['b', 'c']);
    expect(screen.getByTestId('layout-storage-problem')).toHaveTextContent(
      'Layout not saved: browser storage refused it (2 times).',
    );
  });

  it('speaks Korean to a Korean operator', async () => {
    const operator = createOperatorStore();
    operator.getState().setPrefs({ locale: 'ko' });
    const result = renderDashboard(<PanelGrid />, { operator });
    push(result.store, 'cargo_temperature', T0, 4);
    await advance(100);
    expect(screen.getByRole('button', { name: '화물 온도 숨기기' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '배치 초기화' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '화물 온도 숨기기' }));
    expect(hiddenSummary()).toHaveTextContent('숨긴 패널 (1)');
  });

  it('shows no layout controls on a panel outside a grid', async () => {
    const { store } = renderDashboard(<MetricPanel name="a" />);
    push(store, 'a', T0, 1);
    await advance(100);
    expect(document.querySelector('[data-action="hide-panel"]')).toBeNull();
  });
});
