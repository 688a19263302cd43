import { act, fireEvent, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents } from '../../../src/store';
import { Dashboard } from '../../../src/ui/shell/Dashboard';
import { Toolbar } from '../../../src/ui/toolbar/Toolbar';
import { MetricPanel } from '../../../src/ui/metrics/MetricPanel';
import { PANEL_STEPS } from '../../../src/ui/metrics/use-panels-in-steps';
import { connectionFixture, metricsEvent } from '../../support/fixtures';
import { advance, lineOf, pointsOf, push, pushHistory } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';
import { fakeViewport } from '../../support/fake-viewport';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);
const metric = (name: string) => document.querySelector(`[data-metric="${name}"]`)!;

beforeAll(async () => {
  // Load the lazily imported chart once, so React.lazy resolves in a microtask under fake timers.
  await import('../../../src/ui/metrics/MetricChart');
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('the dashboard', () => {
  it('shows one panel per metric in the feed, each carrying its name, in order of first arrival', async () => {
    const { store } = renderDashboard(<Dashboard />);
    const panels = () =>
      [...document.querySelectorAll('[data-metric]')].map((el) => [
        el.getAttribute('data-metric'),
        el.querySelector('.panel__title')?.textContent,
      ]);
    expect(panels()).toEqual([]);
    const sample = (name: string, ts: number, value: number) => ({ name, ts, value });
    act(() =>
      applyEvents(
        store,
        [
          metricsEvent([sample('pending_orders', T0, 12), sample('cargo_temperature', T0, 4.5)]),
          metricsEvent([sample('pending_orders', T0 + 1_000, 13)]),
          metricsEvent([
            sample('line_3_pressure', T0, 2.1),
            sample('cargo_temperature', T0 + 1_000, 4.6),
          ]),
        ],
        null,
      ),
    );
    await advance(300);
    expect(panels()).toEqual([
      ['pending_orders', 'Pending orders'],
      ['cargo_temperature', 'Cargo temperature'],
      ['line_3_pressure', 'Line 3 pressure'],
    ]);
    // Each panel shows its own series, not a neighbour's.
    expect(metric('pending_orders').querySelector('.panel__number')).toHaveTextContent('13');
    expect(metric('cargo_temperature').querySelector('.panel__number')).toHaveTextContent('4.6');
    expect(metric('line_3_pressure').querySelector('.panel__number')).toHaveTextContent('2.1');

    // More samples of known metrics add no panel; a new metric adds one at the end.
    push(store, 'cargo_temperature', T0 + 2_000, 4.7);
    push(store, 'active_vehicles', T0 + 2_000, 31, null, '');
    await advance(300);
    expect(panels().map(([name]) => name)).toEqual([
      'pending_orders',
      'cargo_temperature',
      'line_3_pressure',
      'active_vehicles',
    ]);
  });
  it('adds a flood of new metrics a step at a time, never all in one commit', async () => {
    const { store } = renderDashboard(<Dashboard />);
    const { eager, fullPerFrame, placeholdersPerFrame } = PANEL_STEPS;
    const total = eager + placeholdersPerFrame + 2;
    const names = Array.from({ length: total }, (_, i) => `flood_${i}`);
    act(() =>
      applyEvents(store, [metricsEvent(names.map((name) => ({ name, ts: T0, value: 1 })))], null),
    );
    const count = () => document.querySelectorAll('[data-metric]').length;
    // The grid grows a step at a time; frames in between go to the charts' mounts and to rest.
    const seen = [count()];
    for (let frame = 0; frame < 300 && seen[seen.length - 1]! < total; frame++) {
      await advance(16);
      if (count() !== seen[seen.length - 1]) seen.push(count());
    }
    // Full panels a few a step up to the eager ones, then placeholders many a step.
    const full = Array.from({ length: eager / fullPerFrame }, (_, i) => (i + 1) * fullPerFrame);
    expect(seen).toEqual([0, ...full, eager + placeholdersPerFrame, total]);
    // In the order of first arrival, as when they come one by one.
    expect(document.querySelector('[data-metric]:last-of-type')).toHaveAttribute(
      'data-metric',
      `flood_${total - 1}`,
    );
  }, 20_000);
});

describe('MetricPanel', () => {
  it('shows the current value, unit and trend, and draws a line that follows new samples', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />);
    pushHistory(store, 'cargo_temperature', T0, 301, 1_000, (i) => Math.round(400 + i / 1.5) / 100);
    await advance(300);
    expect(metric('cargo_temperature').querySelector('.panel__title')).toHaveTextContent(
      'Cargo temperature',
    );
    expect(lineOf('cargo_temperature')).toMatch(/^M/);
    expect(metric('cargo_temperature').querySelector('.panel__value')).toHaveTextContent('6.00 °C');
    expect(metric('cargo_temperature').querySelector('[data-trend]')).toHaveTextContent(
      '▲ +2.00 °C vs 5 min ago',
    );
    const before = lineOf('cargo_temperature');
    push(store, 'cargo_temperature', T0 + 1_000, 5);
    await advance(300);
    expect(lineOf('cargo_temperature')).not.toBe(before);
    // The precision stays that of the series: no jump from "6.00" to "5".
    expect(metric('cargo_temperature').querySelector('.panel__value')).toHaveTextContent('5.00 °C');
  });

  it('draws each new frame in full at once, with no animation between frames', async () => {
    const { store } = renderDashboard(<MetricPanel name="t" />);
    const line = () => document.querySelector('[data-metric="t"] path.recharts-line-curve');
    pushHistory(store, 't', T0, 10, 1_000, (i) => (i % 3) / 3);
    await advance(300);
    const first = lineOf('t');
    expect(first).toMatch(/^M/);
    // An animated line is drawn in steps (a dash pattern, interpolated points) over 1.5 s.
    expect(line()).not.toHaveAttribute('stroke-dasharray');
    await advance(3_000);
    expect(lineOf('t')).toBe(first);

    push(store, 't', T0 + 1_000, 2 / 3);
    await advance(300);
    const second = lineOf('t');
    expect(second).not.toBe(first);
    expect(line()).not.toHaveAttribute('stroke-dasharray');
    await advance(3_000);
    expect(lineOf('t')).toBe(second);
  });

  it('draws threshold lines where the metric has limits, and flags a value beyond one', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />);
    pushHistory(store, 'cargo_temperature', T0, 10, 1_000, (i) => (i === 9 ? 8.7 : 4));
    await advance(300);
    const panel = metric('cargo_temperature');
    expect(panel.querySelector('.limit--max')).not.toBeNull();
    expect(panel.querySelector('.limit--min')).not.toBeNull();
    expect(panel.querySelector('.panel__value--breach')).not.toBeNull();
    expect(panel.querySelector('.panel__breach')).toHaveTextContent('max 8 °C');
  });

  it('draws SPC control limits from the catalogue', async () => {
    const { store } = renderDashboard(<MetricPanel name="fill_weight" />, {
      environment: {
        catalog: {
          fill_weight: {
            limits: [
              { kind: 'ucl', value: 502 },
              { kind: 'lcl', value: 498 },
            ],
          },
        },
      },
    });
    pushHistory(store, 'fill_weight', T0, 10, 1_000, () => 500, 'g');
    await advance(300);
    expect(metric('fill_weight').querySelector('.limit--ucl')).not.toBeNull();
    expect(metric('fill_weight').querySelector('.limit--lcl')).not.toBeNull();
    expect(metric('fill_weight').querySelector('.panel__title')).toHaveTextContent('Fill weight');
  });

  it('shows the window the operator picks: 1, 5 or 15 minutes', async () => {
    const { store } = renderDashboard(
      <>
        <Toolbar />
        <MetricPanel name="t" />
      </>,
    );
    pushHistory(store, 't', T0, 600, 1_000, (i) => i % 7);
    await advance(300);
    expect(pointsOf('t')).toBe(301);
    fireEvent.click(screen.getByRole('button', { name: '1 min' }));
    await advance(300);
    expect(pointsOf('t')).toBe(61);
    expect(screen.getByRole('button', { name: '1 min' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('downsamples a full 15-minute window at 10 samples/s to the chart width', async () => {
    const { store, operator } = renderDashboard(<MetricPanel name="t" />);
    act(() => operator.getState().setPrefs({ windowMinutes: 15 }));
    pushHistory(store, 't', T0, 9_000, 100, (i) => Math.sin(i / 40));
    await advance(300);
    // The fallback width in a DOM without layout is 480 px.
    expect(pointsOf('t')).toBeGreaterThan(200);
    expect(pointsOf('t')).toBeLessThanOrEqual(481);
  });

  it('redraws a few times a second at most while samples arrive every frame', async () => {
    const { store } = renderDashboard(<MetricPanel name="t" />);
    push(store, 't', T0, 1);
    await advance(300);
    const seen = new Set<string>([lineOf('t')]);
    let changes = 0;
    for (let i = 1; i <= 62; i++) {
      push(store, 't', T0 + i * 16, i % 5);
      await advance(16);
      const d = lineOf('t');
      if (!seen.has(d)) changes++;
      seen.add(d);
    }
    expect(changes).toBeGreaterThanOrEqual(3);
    expect(changes).toBeLessThanOrEqual(5);
  });

  it('does not re-render a panel when only another series changes', async () => {
    let renders = 0;
    const { store } = renderDashboard(
      <>
        <Profiler id="a" onRender={() => renders++}>
          <MetricPanel name="a" />
        </Profiler>
        <MetricPanel name="b" />
      </>,
    );
    push(store, 'a', T0, 1);
    push(store, 'b', T0, 1);
    await advance(1_000);
    renders = 0;
    for (let i = 1; i <= 60; i++) {
      push(store, 'b', T0 + i * 16, i);
      await advance(16);
    }
    expect(renders).toBe(0);
    expect(pointsOf('b')).toBeGreaterThan(1);
  });

  it('takes each new frame (number, trend, line, clock axis) without a React commit', async () => {
    let commits = 0;
    const { store } = renderDashboard(
      <Profiler id="panel" onRender={() => commits++}>
        <MetricPanel name="cargo_temperature" />
      </Profiler>,
    );
    pushHistory(store, 'cargo_temperature', T0, 120, 1_000, (i) => 4 + (i % 2) / 10);
    await advance(1_000);
    const panel = metric('cargo_temperature');
    const number = () => panel.querySelector('.panel__number')?.textContent;
    const clock = () =>
      [...panel.querySelectorAll('.recharts-xAxis-tick-labels text')].map((t) => t.textContent);
    commits = 0;
    const before = { number: number(), line: lineOf('cargo_temperature'), clock: clock() };
    // Values within the value axis, decimals and limits as before: only the frame changes.
    for (let i = 1; i <= 40; i++) {
      push(store, 'cargo_temperature', T0 + 120_000 + i * 1_000, 4.1 + ((i + 1) % 2) / 10);
      await advance(250);
    }
    expect(number()).not.toBe(before.number);
    expect(lineOf('cargo_temperature')).not.toBe(before.line);
    expect(clock()).not.toEqual(before.clock);
    expect(panel.querySelector('[data-trend]')).toHaveTextContent(/^▲ \+0\.\d+ °C/);
    // 40 frames; what React renders is the chart's text alternative, which settles at most every
    // CHART_SUMMARY_MS (5 s): 10 s of frames give 2 or 3 descriptions (each a commit, plus its
    // layout effect's), never one per frame.
    expect(commits).toBeLessThanOrEqual(6);
  });

  it('moves the value axis with a frame that rescales it, without a React commit', async () => {
    let commits = 0;
    const { store } = renderDashboard(
      <Profiler id="panel" onRender={() => commits++}>
        <MetricPanel name="plain_count" />
      </Profiler>,
    );
    pushHistory(store, 'plain_count', T0, 60, 1_000, (i) => 10 + (i % 3));
    await advance(1_000);
    const panel = metric('plain_count');
    const axis = () =>
      [...panel.querySelectorAll('.recharts-yAxis-tick-labels text')].map((t) => t.textContent);
    const before = axis();
    expect(before.length).toBeGreaterThanOrEqual(2);
    commits = 0;
    // Ten times as high, in whole numbers as before: a new value axis, nothing else React lays out.
    push(store, 'plain_count', T0 + 60_000, 120);
    await advance(1_000);
    expect(axis()).not.toEqual(before);
    expect(Math.max(...axis().map(Number))).toBeGreaterThanOrEqual(120);
    // Not even the chart's text alternative: it took a frame under CHART_SUMMARY_MS ago.
    expect(commits).toBe(0);
  });

  it('staggers panels so no two redraw in the same frame', async () => {
    const names = ['a', 'b', 'c'];
    const { store } = renderDashboard(
      <>
        {names.map((name) => (
          <MetricPanel key={name} name={name} />
        ))}
      </>,
    );
    for (const name of names) push(store, name, T0, 0);
    await advance(300);
    let previous = names.map(lineOf);
    let redrawn = 0;
    for (let i = 1; i <= 60; i++) {
      for (const name of names) push(store, name, T0 + i * 16, (i * 3) % 11);
      await advance(16);
      const current = names.map(lineOf);
      const changed = current.filter((d, k) => d !== previous[k]).length;
      expect(changed).toBeLessThanOrEqual(1);
      redrawn += changed;
      previous = current;
    }
    expect(redrawn).toBeGreaterThanOrEqual(9);
  });

  it('mounts its chart only once the panel has come into view', async () => {
    const { store, visible } = renderWithViewport();
    push(store, 't', T0, 1);
    push(store, 't', T0 + 1_000, 2);
    await advance(300);
    visible(false);
    await advance(300);
    expect(metric('t').querySelector('.recharts-wrapper')).toBeNull();
    expect(metric('t').querySelector('.panel__number')).toHaveTextContent('2');
    visible(true);
    await advance(300);
    expect(pointsOf('t')).toBe(2);
    // Out of view again, the chart stays mounted (it only stops redrawing).
    visible(false);
    await advance(300);
    expect(pointsOf('t')).toBe(2);
  });

  it('mounts charts that come into view together one every other frame', async () => {
    const viewport = fakeViewport();
    const names = ['a', 'b', 'c'];
    const { store } = renderDashboard(
      <>
        {names.map((name) => (
          <MetricPanel key={name} name={name} />
        ))}
      </>,
      { environment: { IntersectionObserver: viewport.Observer } },
    );
    for (const name of names) push(store, name, T0, 1);
    await advance(300);
    // All three scroll into view in one go.
    viewport.reportAll(true);
    const charts = () => document.querySelectorAll('[data-metric] .recharts-wrapper').length;
    const counts: number[] = [];
    for (let frame = 0; frame < 6; frame++) {
      await advance(16);
      counts.push(charts());
    }
    expect(counts).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('does not redraw while off screen, and redraws when scrolled back into view', async () => {
    const { store, visible } = renderWithViewport();
    push(store, 't', T0, 1);
    push(store, 't', T0 + 1_000, 2);
    await advance(300);
    visible(false);
    const frozen = lineOf('t');
    for (let i = 2; i < 20; i++) push(store, 't', T0 + i * 1_000, i);
    await advance(2_000);
    expect(lineOf('t')).toBe(frozen);
    visible(true);
    await advance(32);
    expect(pointsOf('t')).toBe(20);
  });

  it('freezes the view on pause while data keeps arriving, and catches up at once on resume', async () => {
    const { store } = renderDashboard(
      <>
        <Toolbar />
        <MetricPanel name="t" />
      </>,
    );
    push(store, 't', T0, 1);
    await advance(300);
    fireEvent.click(screen.getByRole('button', { name: /Pause/ }));
    const frozen = lineOf('t');
    for (let i = 1; i <= 30; i++) {
      push(store, 't', T0 + i * 100, 42);
      await advance(100);
    }
    expect(lineOf('t')).toBe(frozen);
    expect(metric('t').querySelector('.panel__value')).toHaveTextContent('1');
    expect(store.getState().series.get('t')?.buffer.size).toBe(31);
    fireEvent.click(screen.getByRole('button', { name: /Resume/ }));
    await advance(16);
    expect(pointsOf('t')).toBe(31);
    expect(metric('t').querySelector('.panel__value')).toHaveTextContent('42');
  });

  it('dims a series that stopped updating and says since when', async () => {
    const { store } = renderDashboard(<MetricPanel name="t" />);
    const live = connectionFixture();
    for (let i = 0; i < 5; i++) {
      push(store, 't', T0 + i * 1_000, i, live);
      await advance(1_000);
    }
    // Last point received at T0 + 4 s (client clock); usual interval 1 s.
    await advance(500);
    expect(metric('t')).not.toHaveAttribute('data-stale');
    await advance(1_000);
    expect(metric('t')).toHaveAttribute('data-stale', 'data');
    expect(metric('t')).toHaveClass('panel--stale');
    expect(metric('t').querySelector('.panel__stale')).toHaveTextContent(
      'No new data since 05:00:04',
    );
    push(store, 't', T0 + 7_000, 7, live);
    await advance(16);
    expect(metric('t')).not.toHaveAttribute('data-stale');
  });

  it('dims every panel while the connection is not live', async () => {
    const { store } = renderDashboard(<MetricPanel name="t" />);
    push(store, 't', T0, 1, connectionFixture());
    push(store, 't', T0 + 1_000, 1, connectionFixture());
    await advance(100);
    expect(metric('t')).not.toHaveAttribute('data-stale');
    act(() =>
      store.setState({ connection: connectionFixture({ state: 'backoff', status: 'connecting' }) }),
    );
    await advance(16);
    expect(metric('t')).toHaveAttribute('data-stale', 'connection');
    expect(metric('t').querySelector('.panel__stale')).toHaveTextContent('Not live: last data');
  });
});

/** A panel under a fake IntersectionObserver; `visible` says whether it is in view. */
function renderWithViewport() {
  const viewport = fakeViewport();
  const { store } = renderDashboard(<MetricPanel name="t" />, {
    environment: { IntersectionObserver: viewport.Observer },
  });
  return { store, visible: (isIntersecting: boolean) => viewport.reportAll(isIntersecting) };
}
