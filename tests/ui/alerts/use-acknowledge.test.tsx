import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { applyEvents, createDashboardStore, createOperatorStore } from '../../../src/store';
import { useAcknowledge } from '../../../src/ui/alerts/use-alerts';
import { alertEvent, alertFixture } from '../../support/fixtures';
import { memoryStorage } from '../../support/memory-storage';
import { renderDashboard } from '../../support/render';

function AckButton({ id }: { id: string }) {
  const acknowledge = useAcknowledge();
  return (
    <button type="button" onClick={() => acknowledge(id)}>
      ack
    </button>
  );
}

describe('useAcknowledge', () => {
  it('sends the ack before storing it', () => {
    const order: string[] = [];
    const storage = memoryStorage();
    const store = createDashboardStore();
    store.setState({
      commands: { ack: (id) => order.push(`sent ${id}`), reconnectNow: vi.fn() },
    });
    applyEvents(store, [alertEvent(alertFixture({ id: 'a1' }))], null);
    const operator = createOperatorStore({
      storage: {
        ...storage,
        setItem: (name, value) => {
          order.push(`stored ${name}`);
          storage.setItem(name, value);
        },
      },
      key: 'marks',
      prefsKey: 'prefs',
    });
    renderDashboard(<AckButton id="a1" />, { store, operator });
    fireEvent.click(screen.getByRole('button', { name: 'ack' }));
    expect(order[0]).toBe('sent a1');
    expect(order).toContain('stored marks');
  });

  it('sends the ack even when browser storage refuses to keep it', () => {
    const ack = vi.fn();
    const store = createDashboardStore();
    store.setState({ commands: { ack, reconnectNow: vi.fn() } });
    const operator = createOperatorStore({
      storage: {
        getItem: () => null,
        setItem: () => {
          throw new DOMException('full', 'QuotaExceededError');
        },
        removeItem: () => {},
      },
      key: 'marks',
    });
    renderDashboard(<AckButton id="a1" />, { store, operator });
    fireEvent.click(screen.getByRole('button', { name: 'ack' }));
    expect(ack).toHaveBeenCalledWith('a1');
    expect(operator.getState().acknowledged.a1).toBeDefined();
    expect(operator.getState().storageProblem?.error).toBe('QuotaExceededError');
  });
});
