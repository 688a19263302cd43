import { describe, expect, it } from 'vitest';
import { MetricPanel } from '../../../src/ui/metrics/MetricPanel';
import { advance, push, pushHistory } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';
import { clockText, panelTestClock } from '../../support/panel-setup';

const T0 = Date.UTC(2026, 11, 2, 10, 42, 10);
const clock = clockText;

panelTestClock(T0);

const panel = (name = 'cargo_temperature') =>
  document.querySelector(`[data-metric="${name}"]`) as HTMLElement;

describe('limits at a glance', () => {
  it('marks a panel above max, and names the limit and since when in words with an icon', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />);
    // Inside the limits, then above max 8 °C for the last three samples.
    pushHistory(store, 'cargo_temperature', T0, 10, 1_000, (i) => (i >= 7 ? 8.5 + i / 10 : 5));
    await advance(300);
    expect(panel()).toHaveAttribute('data-breach', 'high');
    const note = panel().querySelector('.panel__breach')!;
    expect(note).toHaveTextContent(`above max 8 °C since ${clock(T0 - 2_000)}`);
    expect(note.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    expect(panel().querySelector('.panel__value--breach')).not.toBeNull();

    // Back inside the limits: no mark at all.
    push(store, 'cargo_temperature', T0 + 1_000, 6);
    await advance(300);
    expect(panel()).not.toHaveAttribute('data-breach');
    expect(panel().querySelector('.panel__breach')).toBeNull();
  });

  it('marks a panel below min as low', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />);
    pushHistory(store, 'cargo_temperature', T0, 3, 1_000, (i) => (i === 2 ? 1.5 : 4));
    await advance(300);
    expect(panel()).toHaveAttribute('data-breach', 'low');
    expect(panel().querySelector('.panel__breach')).toHaveTextContent(
      `below min 2 °C since ${clock(T0)}`,
    );
  });

  it('calls a value past a warn limit but within the operating limit a warning', async () => {
    const { store } = renderDashboard(<MetricPanel name="fill_weight" />, {
      environment: {
        catalog: {
          fill_weight: {
            limits: [
              { kind: 'max', value: 510 },
              { kind: 'warnMax', value: 505 },
            ],
          },
        },
      },
    });
    pushHistory(store, 'fill_weight', T0, 3, 1_000, (i) => 500 + i * 3, 'g');
    await advance(300);
    expect(panel('fill_weight')).toHaveAttribute('data-breach', 'warn-high');
    expect(panel('fill_weight').querySelector('.panel__breach')).toHaveTextContent(
      `above warning high 505 g since ${clock(T0)}`,
    );
  });

  it('names the limit in Korean for a Korean operator', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />, {
      environment: { languages: ['ko-KR'] },
    });
    pushHistory(store, 'cargo_temperature', T0, 2, 1_000, () => 9);
    await advance(300);
    const since = new Intl.DateTimeFormat('ko-KR', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    }).format(new Date(T0 - 1_000));
    expect(panel().querySelector('.panel__breach')).toHaveTextContent(
      `${since}부터 최대 8 °C 초과`,
    );
  });
});
