import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockBackend } from '../../../backend/mock-backend';
import { runScenario } from '../../../backend/scenario-runner';
import { createQaController } from '../../../src/ui/qa/qa-controller';
import { QaPanel } from '../../../src/ui/qa/QaPanel';

describe('the QA panel', () => {
  let backend: MockBackend;
  let dropped: number;
  beforeEach(() => {
    backend = new MockBackend();
    dropped = 0;
    backend.accept({ send() {}, close() {}, drop: () => dropped++ });
  });
  afterEach(() => backend.stop());

  function renderPanel(onScenarioChange = vi.fn()) {
    const scenarios = runScenario(backend, 'steady');
    const controller = createQaController(backend, scenarios);
    render(
      <QaPanel
        controller={controller}
        onScenarioChange={onScenarioChange}
        linkFor={(spec) => `/?scenario=${spec}`}
      />,
    );
    return { onScenarioChange, scenarios };
  }
  const button = (name: string) => document.querySelector(`[data-qa="${name}"]`) as HTMLElement;

  it('drops the line on demand', () => {
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Drop the line' }));
    expect(dropped).toBe(1);
  });

  it('blocks and unblocks WebSocket with a toggle that shows its state', () => {
    renderPanel();
    const toggle = screen.getByRole('button', { name: 'Block WebSocket' });
    fireEvent.click(toggle);
    expect(backend.faults.wsBlocked).toBe(true);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(toggle);
    expect(backend.faults.wsBlocked).toBe(false);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  it('pauses the feed', () => {
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Pause feed' }));
    expect(backend.faults.feedPaused).toBe(true);
  });

  it('closes with the code typed in, and says why it will not send a reserved one', () => {
    const closes: number[] = [];
    backend.accept({ send() {}, close: (code) => closes.push(code), drop() {} });
    renderPanel();
    fireEvent.change(screen.getByLabelText('Close code'), { target: { value: '4429' } });
    fireEvent.click(button('close'));
    expect(closes).toEqual([4429]);
    fireEvent.change(screen.getByLabelText('Close code'), { target: { value: '1006' } });
    fireEvent.click(button('close'));
    expect(screen.getByRole('alert')).toHaveTextContent(/use "drop" for 1006/);
  });

  it('floods the number of alerts asked for', () => {
    vi.useFakeTimers();
    try {
      const ids = new Set<string>();
      backend.onPublish((m) => m.type === 'alert' && ids.add(m.alert.id));
      renderPanel();
      fireEvent.change(screen.getByLabelText('Alerts to flood'), { target: { value: '40' } });
      fireEvent.click(button('flood-alerts'));
      vi.advanceTimersByTime(2_500);
      expect(ids.size).toBe(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it('floods alerts of the severity chosen', () => {
    vi.useFakeTimers();
    try {
      const severities: string[] = [];
      backend.onPublish((m) => m.type === 'alert' && severities.push(m.alert.severity));
      renderPanel();
      fireEvent.change(screen.getByLabelText('Alerts to flood'), { target: { value: '12' } });
      fireEvent.change(screen.getByLabelText('Severity of the flood'), {
        target: { value: 'info' },
      });
      fireEvent.click(button('flood-alerts'));
      vi.advanceTimersByTime(2_500);
      expect(severities).toEqual(Array(12).fill('info'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs a scenario from its spec and reports it for the URL', () => {
    const { onScenarioChange, scenarios } = renderPanel();
    fireEvent.change(button('scenario-spec'), { target: { value: 'slow-network;latencyMs=300' } });
    fireEvent.click(button('scenario-run'));
    expect(onScenarioChange).toHaveBeenCalledWith('slow-network;latencyMs=300');
    expect(scenarios.current.specs).toEqual([{ name: 'slow-network', params: { latencyMs: 300 } }]);
    expect(backend.faults.latencyMs).toBe(300);
    expect(button('scenario-now')).toHaveTextContent('slow-network;latencyMs=300');
  });

  it('shows why a scenario spec is wrong and leaves the running one alone', () => {
    const { onScenarioChange, scenarios } = renderPanel();
    fireEvent.change(button('scenario-spec'), { target: { value: 'no-such-thing' } });
    fireEvent.click(button('scenario-run'));
    expect(screen.getByRole('alert')).toHaveTextContent('Unknown scenario "no-such-thing"');
    expect(onScenarioChange).not.toHaveBeenCalled();
    expect(scenarios.current.specs[0]?.name).toBe('steady');
  });
});
