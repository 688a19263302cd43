import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents } from '../../../src/store';
import { PANEL_STEPS } from '../../../src/ui/metrics/use-panels-in-steps';
import { PanelGrid } from '../../../src/ui/shell/PanelGrid';
import { metricsEvent } from '../../support/fixtures';
import { advance } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';
import { fakeViewport } from '../../support/fake-viewport';
import { useMountQueue } from '../../../src/ui/shared/redraw-context';
import { sendRelevance } from '../../support/relevance';
import { useEffect } from 'react';

const renders = vi.hoisted(() => new Map<string, number>());

// Counts each panel's renders; the panel itself is not what this is about.
vi.mock('../../../src/ui/metrics/MetricPanel', () => ({
  MetricPanel: ({ name }: { name: string }) => {
    renders.set(name, (renders.get(name) ?? 0) + 1);
    return <article data-metric={name} />;
  },
}));

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

beforeEach(() => {
  renders.clear();
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('PanelGrid mounting a flood of metrics in steps', () => {
  it('does not render the panels already shown again at each step', async () => {
    const { store } = renderDashboard(<PanelGrid />);
    const names = Array.from({ length: 2 * PANEL_STEPS.eager }, (_, i) => `flood_${i}`);
    act(() =>
      applyEvents(store, [metricsEvent(names.map((name) => ({ name, ts: T0, value: 1 })))], null),
    );
    for (let frame = 0; frame < 40; frame++) await advance(16);
    expect(document.querySelectorAll('[data-metric]')).toHaveLength(names.length);
    // Each panel rendered once when it mounted: a step re-rendering every shown panel made a
    // thousand-name flood cost a thousand renders a frame (quadratic in the panels).
    expect(Math.max(...renders.values())).toBe(1);
  });
});

describe('PanelGrid sharing frames with chart mounts', () => {
  it('takes its steps in turn with chart mounts, never in the same frame', async () => {
    const mounted: number[] = [];
    let frame = 0;
    // Three charts that asked to mount before the flood arrived.
    function WaitingCharts() {
      const mounts = useMountQueue();
      useEffect(() => {
        const cancels = [0, 1, 2].map(() => mounts.request(() => mounted.push(frame)));
        return () => cancels.forEach((cancel) => cancel());
      }, [mounts]);
      return null;
    }
    const { store } = renderDashboard(
      <>
        <WaitingCharts />
        <PanelGrid />
      </>,
    );
    const names = Array.from({ length: PANEL_STEPS.eager }, (_, i) => `flood_${i}`);
    act(() =>
      applyEvents(store, [metricsEvent(names.map((name) => ({ name, ts: T0, value: 1 })))], null),
    );
    const panels = () => document.querySelectorAll('[data-metric]').length;
    const shown: number[] = [];
    for (frame = 1; frame <= 10; frame++) {
      await advance(16);
      shown.push(panels());
    }
    // One costly thing every other frame: the charts first, in the order they asked, then the
    // grid's steps.
    const step = PANEL_STEPS.fullPerFrame;
    expect(mounted).toEqual([1, 3, 5]);
    expect(shown).toEqual([0, 0, 0, 0, 0, 0, step, step, 2 * step, 2 * step]);
  });
});

describe('PanelGrid with more panels than a dashboard shows', () => {
  const flood = async (count: number, environment = {}) => {
    const { store } = renderDashboard(<PanelGrid />, { environment });
    const names = Array.from({ length: count }, (_, i) => `flood_${i}`);
    act(() =>
      applyEvents(store, [metricsEvent(names.map((name) => ({ name, ts: T0, value: 1 })))], null),
    );
    for (let step = 0; step < 40; step++) await advance(16);
    return names;
  };

  it('keeps panels beyond the eager ones as placeholders until they come near the view', async () => {
    const viewport = fakeViewport();
    const names = await flood(PANEL_STEPS.eager + 30, { IntersectionObserver: viewport.Observer });
    const near = (name: string) =>
      viewport.report(document.querySelector(`[data-metric="${name}"]`)!, true);
    expect(document.querySelectorAll('[data-metric]')).toHaveLength(names.length);
    expect(document.querySelectorAll('article[data-metric]')).toHaveLength(PANEL_STEPS.eager);
    const pending = document.querySelectorAll('.panel-pending[data-metric]');
    expect(pending).toHaveLength(30);
    // A placeholder holds the panel's name and place and says it is not ready.
    const first = pending[0]!;
    expect(first).toHaveAttribute('data-metric', `flood_${PANEL_STEPS.eager}`);
    expect(first).toHaveAttribute('aria-busy', 'true');
    expect(first).toHaveTextContent(`Flood ${PANEL_STEPS.eager}`);
    // One observer watches every placeholder, not one each.
    expect(viewport.observers).toHaveLength(1);
    expect(viewport.watched()).toBe(30);

    const later = `flood_${PANEL_STEPS.eager + 20}`;
    near(later);
    expect(document.querySelector(`[data-metric="${later}"]`)?.tagName).toBe('ARTICLE');
    expect(renders.get(later)).toBe(1);
    expect(viewport.watched()).toBe(29);
    expect(document.querySelectorAll('.panel-pending[data-metric]')).toHaveLength(29);
  });

  it('mounts a placeholder when the browser stops skipping it, with no observer of its own, where the browser sends relevance events', async () => {
    const viewport = fakeViewport();
    await flood(PANEL_STEPS.eager + 30, {
      IntersectionObserver: viewport.Observer,
      relevanceEvents: true,
    });
    expect(document.querySelectorAll('.panel-pending[data-metric]')).toHaveLength(30);
    // The browser tracks every `content-visibility: auto` element anyway; a second observer
    // over the same placeholders doubled the intersection work of each frame.
    expect(viewport.observers).toHaveLength(0);
    const relevance = (name: string, skipped: boolean) =>
      act(() => sendRelevance(document.querySelector(`[data-metric="${name}"]`)!, skipped));

    const later = `flood_${PANEL_STEPS.eager + 20}`;
    relevance(later, true);
    expect(document.querySelector(`[data-metric="${later}"]`)?.tagName).toBe('SECTION');
    relevance(later, false);
    expect(document.querySelector(`[data-metric="${later}"]`)?.tagName).toBe('ARTICLE');
    expect(renders.get(later)).toBe(1);
    expect(document.querySelectorAll('.panel-pending[data-metric]')).toHaveLength(29);
  });

  it('mounts every panel in full where there is no IntersectionObserver', async () => {
    const names = await flood(PANEL_STEPS.eager + 10);
    expect(document.querySelectorAll('article[data-metric]')).toHaveLength(names.length);
    expect(document.querySelector('.panel-pending')).toBeNull();
  });
});
