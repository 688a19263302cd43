import { describe, expect, it } from 'vitest';
import { hasChromium } from '../chromium';
import {
  appErrors,
  badgeHistory,
  connection,
  expectEachAlertOnce,
  scenarioSuite,
  waitForStatus,
  WAIT_MS,
} from './harness';

/** The demo on the embedded mock backend: scenarios by link, faults from the QA panel. */
describe.skipIf(!hasChromium)('the QA panel in mock mode', () => {
  const suite = scenarioSuite();

  it('runs the scenario named in the URL, so a bug report is a link', async () => {
    const { page, log } = await suite.open(null, '&scenario=session-expiry;firstMs=1500;everyMs=0');
    await page.waitForSelector('[data-testid="qa-panel"]', { timeout: WAIT_MS });
    expect(await page.locator('[data-qa="scenario-now"]').textContent()).toContain(
      'session-expiry;firstMs=1500;everyMs=0',
    );
    await waitForStatus(page, 'live');
    const before = (await connection(page)).sessionId;
    await page.waitForFunction(
      (old) => {
        type Handle = {
          store: { getState(): { connection: { sessionId: string; status: string } } };
        };
        const c = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
          .connection;
        return c.sessionId !== old && c.status === 'live';
      },
      before,
      { timeout: WAIT_MS },
    );
    expect((await connection(page)).lastClose?.code).toBe(1008);
    // A renewal can finish within one frame, so its brief 'connecting' may never be drawn.
    expect([
      ['connecting', 'live'],
      ['connecting', 'live', 'connecting', 'live'],
    ]).toContainEqual(await badgeHistory(page));
    expect(appErrors(log)).toEqual([]);
  });

  it('fires faults on demand: block WebSocket, unblock, flood alerts', async () => {
    const { page, log } = await suite.open(null);
    await waitForStatus(page, 'live');
    await page.click('[data-qa="block-websocket"]');
    await waitForStatus(page, 'fallback');
    await page.click('[data-qa="block-websocket"]');
    await waitForStatus(page, 'live');
    await page.fill('[aria-label="Alerts to flood"]', '50');
    await page.click('[data-qa="flood-alerts"]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-alert-id^="flood_"]').length >= 50,
      undefined,
      { timeout: WAIT_MS },
    );
    const flood = await page.evaluate(() =>
      [...document.querySelectorAll('[data-alert-id^="flood_"]')].map(
        (row) => row.getAttribute('data-alert-id') ?? '',
      ),
    );
    expect(flood).toHaveLength(50);
    await expectEachAlertOnce(page, flood);
    expect(await badgeHistory(page)).toEqual([
      'connecting',
      'live',
      'connecting',
      'fallback',
      'live',
    ]);
    expect(appErrors(log)).toEqual([]);
  });

  it('puts a scenario run from the panel into the URL, and says so when a link is wrong', async () => {
    const { page } = await suite.open(null, '&scenario=no-such-scenario');
    await page.waitForSelector('[data-testid="qa-panel"]', { timeout: WAIT_MS });
    expect(await page.locator('.notice').first().textContent()).toContain(
      'Unknown scenario "no-such-scenario"',
    );
    await page.selectOption('[data-qa="scenario-select"]', 'slow-network');
    await page.click('[data-qa="scenario-run"]');
    await page.waitForFunction(() => location.search.includes('scenario=slow-network'), undefined, {
      timeout: WAIT_MS,
    });
    expect(await page.locator('[data-qa="scenario-now"]').textContent()).toContain('slow-network');
  });
});
