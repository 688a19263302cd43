import { describe, expect, it } from 'vitest';
import { alertView, type AlertEntry } from '../../src/store';
import { alertFixture } from '../support/fixtures';

const entry = (overrides: Partial<AlertEntry> = {}): AlertEntry => {
  const alert = alertFixture({ ts: 100 });
  return { ...alert, receivedAt: 100, history: [{ status: 'open', at: 100 }], ...overrides };
};

describe('alertView', () => {
  it('shows the server status when this operator did not acknowledge', () => {
    expect(alertView(entry(), undefined)).toEqual({ status: 'open', pending: false });
  });

  it('shows an alert acknowledged here as acknowledged, pending, until the server agrees', () => {
    expect(alertView(entry(), 200)).toEqual({ status: 'acknowledged', pending: true });
    expect(alertView(entry({ status: 'acknowledged' }), 200)).toEqual({
      status: 'acknowledged',
      pending: false,
    });
  });

  it('lets the server reopen an alert after it was acknowledged here', () => {
    const reopened = entry({
      history: [
        { status: 'open', at: 100 },
        { status: 'acknowledged', at: 250 },
        { status: 'open', at: 300 },
      ],
    });
    expect(alertView(reopened, 200)).toEqual({ status: 'open', pending: false });
  });
});
