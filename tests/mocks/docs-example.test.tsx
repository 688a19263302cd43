import { afterEach, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { connectMockDashboard, type MockDashboard } from '../support/mock-dashboard';
import { ConnectionBadge } from '../../src/ui/connection/ConnectionBadge';
import { renderWithStore } from '../support/render';

// The example of docs/qa.md, kept here so it cannot rot.
let live: MockDashboard;
afterEach(() => live.close());

it('the badge shows the session renewal after a 1008 and goes live again', async () => {
  live = connectMockDashboard({ scenario: 'session-expiry;firstMs=1000;everyMs=0' });
  renderWithStore(<ConnectionBadge />, live.store);
  await live.advance(500);
  expect(screen.getByTestId('connection-badge')).toHaveAttribute('data-status', 'live');
  await live.advance(2_000);
  expect(live.statuses).toEqual(['connecting', 'live', 'connecting', 'live']);
  expect(screen.getByTestId('connection-badge')).toHaveAttribute('data-status', 'live');
});
