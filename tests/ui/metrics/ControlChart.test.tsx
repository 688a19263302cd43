import { act } from '@testing-library/react';
import toast, { Toaster } from 'react-hot-toast';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricInfo, RealtimeEvent } from '../../../src/realtime';
import { applyEvents, type DashboardStore } from '../../../src/store';
import { AlertToasts } from '../../../src/ui/alerts/AlertToasts';
import { MetricPanel } from '../../../src/ui/metrics/MetricPanel';
import { SPC_ALERT_PREFIX, useSpcAlerts } from '../../../src/ui/metrics/spc/use-spc-alerts';
import { advance, pushHistory, push } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';
import { loadSpcEngine } from '../../../src/ui/metrics/spc/use-spc-engine';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);
const WALL: MetricInfo = {
  name: 'wall_thickness',
  label: 'Wall thickness',
  unit: 'mm',
  spc: { cl: 10, ucl: 13, lcl: 7, usl: 16, lsl: 4 },
};
const panel = (name: string) => document.querySelector(`[data-metric="${name}"]`)!;

let seq = 1_000;
function describeMetrics(store: DashboardStore, metrics: MetricInfo[]) {
  const event: RealtimeEvent = {
    type: 'message',
    message: { type: 'catalog', seq: ++seq, metrics, topics: [] },
  };
  act(() => applyEvents(store, [event], null));
}

function SpcAlertsUnderTest() {
  useSpcAlerts();
  return (
    <>
      <AlertToasts />
      <Toaster />
    </>
  );
}
const spcToasts = () =>
  [...document.querySelectorAll('[data-toast-alert]')]
    .map((el) => el.getAttribute('data-toast-alert')!)
    .filter((id) => id.startsWith(SPC_ALERT_PREFIX));

beforeAll(async () => {
  // Load the lazily imported chart parts once, so React.lazy resolves under fake timers.
  await import('../../../src/ui/metrics/MetricChart');
  await import('../../../src/ui/metrics/spc/ControlLayer');
  await loadSpcEngine();
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  toast.remove();
  vi.useRealTimers();
});

describe('the control chart', () => {
  it('draws a metric with spc as a control chart with its centre line and limits', async () => {
    const { store } = renderDashboard(<MetricPanel name="wall_thickness" />);
    describeMetrics(store, [WALL]);
    pushHistory(store, 'wall_thickness', T0, 10, 1_000, (i) => 10 + (i % 2 ? 0.5 : -0.5), 'mm');
    await advance(300);
    await advance(300);
    const el = panel('wall_thickness');
    expect(el).toHaveAttribute('data-chart', 'control');
    expect(el).toHaveAttribute('data-violations', '0');
    expect([...el.querySelectorAll('[data-line]')].map((l) => l.getAttribute('data-line'))).toEqual(
      ['usl', 'ucl', 'cl', 'lcl', 'lsl'],
    );
    expect(el.querySelector('.control-line--ucl')).toHaveTextContent('UCL 13');
    expect(el.querySelector('[data-testid="violations"]')).toHaveTextContent('no rule violations');
    // mean 10, sample σ of ±0.5 over 10 points = 0.527; Cp = 12 / 3.162 = 3.79
    expect(el.querySelector('[data-testid="capability"]')).toHaveTextContent(
      'Cp 3.79 · Cpk 3.79 (n = 10)',
    );
  });

  it('leaves a metric without spc a line chart', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />);
    describeMetrics(store, [WALL]);
    pushHistory(store, 'cargo_temperature', T0, 10, 1_000, () => 4);
    await advance(300);
    const el = panel('cargo_temperature');
    expect(el).toHaveAttribute('data-chart', 'line');
    expect(el).not.toHaveAttribute('data-violations');
    expect(el.querySelector('[data-testid="control-layer"]')).toBeNull();
  });

  it('marks a point beyond a control limit and the rule runs, and counts each run once', async () => {
    const { store } = renderDashboard(<MetricPanel name="wall_thickness" />);
    describeMetrics(store, [WALL]);
    // In control, then 14 (beyond the UCL: rule 1) twice in a row: one rule 1 run, one rule 2 run.
    const values = [10, 9.5, 10.5, 10, 14, 14.2, 10, 9.8];
    pushHistory(store, 'wall_thickness', T0, values.length, 1_000, (i) => values[i]!, 'mm');
    await advance(300);
    await advance(300);
    const el = panel('wall_thickness');
    expect(el).toHaveAttribute('data-violations', '2');
    expect(el.querySelectorAll('.control-mark--beyond')).toHaveLength(2);
    expect(el.querySelector('.control-mark__rule')).toHaveTextContent('R1 R2');
    expect(el.querySelector('[data-testid="violations"]')).toHaveTextContent('2 rule violations');
    expect([...el.querySelectorAll('[data-rule]')].map((r) => r.getAttribute('title'))).toEqual([
      'Rule 1: a point beyond a control limit',
      'Rule 2: 2 of 3 points beyond 2σ on one side',
    ]);
    expect(el.querySelector('[data-rule="1"] .visually-hidden')).toHaveTextContent(
      'Rule 1: a point beyond a control limit',
    );
  });

  it('speaks Korean to a Korean operator', async () => {
    const { store } = renderDashboard(<MetricPanel name="wall_thickness" />, {
      environment: { languages: ['ko-KR'] },
    });
    describeMetrics(store, [WALL]);
    pushHistory(store, 'wall_thickness', T0, 3, 1_000, (i) => (i === 1 ? 14 : 10), 'mm');
    await advance(300);
    const el = panel('wall_thickness');
    expect(el.querySelector('[data-testid="violations"]')).toHaveTextContent('규칙 위반 1건');
    expect(el.querySelector('[data-rule="1"]')).toHaveTextContent('규칙 1');
    expect(el.querySelector('[data-testid="capability"]')).toHaveTextContent('표본 3개');
  });
});

describe('control chart alerts', () => {
  it('raises one warning toast for a run, however many samples and redraws extend it', async () => {
    const { store } = renderDashboard(<SpcAlertsUnderTest />);
    describeMetrics(store, [WALL]);
    push(store, 'wall_thickness', T0 - 10_000, 10, null, 'mm');
    await advance(50);
    expect(spcToasts()).toEqual([]);
    for (let i = 0; i < 5; i++) {
      push(store, 'wall_thickness', T0 - 9_000 + i * 1_000, 13.5 + i * 0.1, null, 'mm');
      await advance(50);
    }
    const alerts = [...store.getState().alerts.values()].filter((a) =>
      a.id.startsWith(SPC_ALERT_PREFIX),
    );
    // Rule 1 (beyond the UCL), rule 2 and rule 3 each began once.
    expect(alerts.map((a) => a.title)).toEqual([
      'Wall thickness: out of control',
      'Wall thickness: out of control',
      'Wall thickness: out of control',
    ]);
    expect(alerts.every((a) => a.severity === 'warning' && a.status === 'open')).toBe(true);
    expect(spcToasts()).toHaveLength(3);
    expect(alerts.find((a) => a.message.startsWith('Rule 1'))?.message).toMatch(
      /^Rule 1: a point beyond a control limit, above the centre line \(13\.5 mm at \d\d:\d\d:\d\d\)\.$/,
    );
    // Two more points beyond the limit extend the same runs (8 in a row, rule 4, is one away).
    for (let i = 5; i < 7; i++) {
      push(store, 'wall_thickness', T0 - 9_000 + i * 1_000, 13.6, null, 'mm');
      await advance(50);
    }
    expect(spcToasts()).toHaveLength(3);
    expect(store.getState().alerts.size).toBe(3);
  });

  it('raises no toast for a metric without spc, or for history there before it was seen', async () => {
    const { store } = renderDashboard(<SpcAlertsUnderTest />);
    pushHistory(store, 'wall_thickness', T0, 5, 1_000, (i) => (i === 2 ? 14 : 10), 'mm');
    describeMetrics(store, [WALL]);
    await advance(50);
    push(store, 'wall_thickness', T0 + 1_000, 10, null, 'mm');
    await advance(50);
    push(store, 'cargo_temperature', T0 + 1_000, 100);
    await advance(50);
    expect(store.getState().alerts.size).toBe(0);
    expect(spcToasts()).toEqual([]);
  });

  it('confirms an operator’s ack of its own alert, which no server will', async () => {
    const { store, operator } = renderDashboard(<SpcAlertsUnderTest />);
    describeMetrics(store, [WALL]);
    push(store, 'wall_thickness', T0 - 2_000, 10, null, 'mm');
    await advance(50);
    push(store, 'wall_thickness', T0 - 1_000, 14, null, 'mm');
    await advance(50);
    const [id] = store.getState().alertIds;
    expect(id?.startsWith(SPC_ALERT_PREFIX)).toBe(true);
    act(() => operator.getState().acknowledge(id!, T0));
    await advance(50);
    expect(store.getState().alerts.get(id!)?.status).toBe('acknowledged');
  });

  it('keeps a few open alerts per metric: a newer run resolves the oldest', async () => {
    const { store } = renderDashboard(<SpcAlertsUnderTest />);
    describeMetrics(store, [WALL]);
    push(store, 'wall_thickness', T0 - 60_000, 10, null, 'mm');
    await advance(50);
    for (let i = 0; i < 6; i++) {
      push(store, 'wall_thickness', T0 - 50_000 + i * 3_000, 14, null, 'mm');
      push(store, 'wall_thickness', T0 - 49_000 + i * 3_000, 10, null, 'mm');
      push(store, 'wall_thickness', T0 - 48_000 + i * 3_000, 10, null, 'mm');
      await advance(50);
    }
    const spc = [...store.getState().alerts.values()].filter((a) =>
      a.id.startsWith(SPC_ALERT_PREFIX),
    );
    expect(spc).toHaveLength(6);
    expect(spc.filter((a) => a.status === 'open')).toHaveLength(3);
  });
});
