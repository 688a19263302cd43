import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MetricPanel } from '../../../../src/ui/metrics/MetricPanel';
import { advance, push, pushHistory } from '../../../support/dashboard';
import { renderDashboard } from '../../../support/render';
import { clockText, panelTestClock } from '../../../support/panel-setup';

const T0 = Date.UTC(2026, 11, 2, 10, 42, 0);
const clock = clockText;

panelTestClock(T0);

const panel = () => document.querySelector('[data-metric="cargo_temperature"]') as HTMLElement;
const chart = () => panel().querySelector('.panel__chart') as HTMLElement;
const live = () => panel().querySelector('[data-inspect-live]') as HTMLElement;

/** Ten samples a second apart ending at T0: 4.1, 4.2 … 5.0 °C. */
async function renderWithHistory() {
  const rendered = renderDashboard(<MetricPanel name="cargo_temperature" />);
  pushHistory(rendered.store, 'cargo_temperature', T0, 10, 1_000, (i) => 4.1 + i / 10);
  await advance(300);
  return rendered;
}

describe('chart inspection', () => {
  it('makes the chart a labelled tab stop that says how to inspect it', async () => {
    await renderWithHistory();
    expect(chart()).toHaveAttribute('tabindex', '0');
    expect(chart()).toHaveAccessibleDescription(/Left and right arrow keys inspect points/);
    expect(live()).toHaveAttribute('aria-live', 'polite');
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('moves the inspected point with the arrow keys and reads it out; Escape ends it', async () => {
    await renderWithHistory();
    chart().focus();
    fireEvent.keyDown(chart(), { key: 'ArrowLeft' });
    await advance(0);
    // Nothing inspected yet: the first key starts at the newest point.
    expect(screen.getByRole('tooltip')).toHaveTextContent(`5.0 °C${clock(T0)}`);
    expect(live()).toHaveTextContent(`${clock(T0)}, 5.0 °C`);
    fireEvent.keyDown(chart(), { key: 'ArrowLeft' });
    fireEvent.keyDown(chart(), { key: 'ArrowLeft' });
    await advance(0);
    expect(screen.getByRole('tooltip')).toHaveTextContent(`4.8 °C${clock(T0 - 2_000)}`);
    fireEvent.keyDown(chart(), { key: 'Home' });
    await advance(0);
    expect(live()).toHaveTextContent(`${clock(T0 - 9_000)}, 4.1 °C`);
    fireEvent.keyDown(chart(), { key: 'Escape' });
    await advance(0);
    expect(screen.queryByRole('tooltip')).toBeNull();
    expect(live()).toHaveTextContent('');
  });

  it('stays on the inspected sample while new samples slide the chart', async () => {
    const { store } = await renderWithHistory();
    chart().focus();
    fireEvent.keyDown(chart(), { key: 'End' });
    fireEvent.keyDown(chart(), { key: 'ArrowLeft' });
    await advance(0);
    expect(screen.getByRole('tooltip')).toHaveTextContent(`4.9 °C${clock(T0 - 1_000)}`);
    push(store, 'cargo_temperature', T0 + 1_000, 5.5);
    push(store, 'cargo_temperature', T0 + 2_000, 5.6);
    await advance(600);
    expect(screen.getByRole('tooltip')).toHaveTextContent(`4.9 °C${clock(T0 - 1_000)}`);
  });

  it('ends a keyboard inspection when the chart loses focus', async () => {
    await renderWithHistory();
    chart().focus();
    fireEvent.keyDown(chart(), { key: 'End' });
    await advance(0);
    expect(screen.getByRole('tooltip')).toBeInTheDocument();
    fireEvent.blur(chart());
    await advance(0);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows the point nearest the pointer, silently, and hides it when the pointer leaves', async () => {
    await renderWithHistory();
    const surface = panel().querySelector('.inspect-layer__surface') as SVGRectElement;
    expect(surface).not.toBeNull();
    const left = Number(surface.getAttribute('x'));
    const width = Number(surface.getAttribute('width'));
    const svgLeft = surface.ownerSVGElement!.getBoundingClientRect().left;
    // A third of the way across nine seconds: nearest the fourth sample.
    fireEvent.pointerMove(surface, { clientX: svgLeft + left + width / 3, pointerType: 'mouse' });
    await advance(0);
    expect(screen.getByRole('tooltip')).toHaveTextContent(`4.4 °C${clock(T0 - 6_000)}`);
    expect(panel().querySelector('.inspect-layer__crosshair circle')).not.toBeNull();
    // A sweeping pointer is not read out: that would flood a screen reader.
    expect(live()).toHaveTextContent('');
    fireEvent.pointerLeave(surface, { pointerType: 'mouse' });
    await advance(0);
    expect(screen.queryByRole('tooltip')).toBeNull();
    expect(panel().querySelector('.inspect-layer__crosshair')).toBeNull();
  });

  it('keeps a touch inspection after the finger lifts, until a touch elsewhere', async () => {
    await renderWithHistory();
    const surface = panel().querySelector('.inspect-layer__surface') as SVGRectElement;
    fireEvent.pointerDown(surface, { clientX: 10_000, pointerType: 'touch' });
    fireEvent.pointerLeave(surface, { pointerType: 'touch' });
    await advance(0);
    expect(screen.getByRole('tooltip')).toHaveTextContent(`5.0 °C${clock(T0)}`);
    fireEvent.pointerDown(document.body, { pointerType: 'touch' });
    await advance(0);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });
});
