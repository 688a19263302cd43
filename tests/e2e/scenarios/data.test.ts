import { describe, expect, it } from 'vitest';
import { hasChromium } from '../chromium';
import {
  appErrors,
  badgeHistory,
  chartLine,
  connection,
  expectCaughtUp,
  expectEachAlertOnce,
  phaseReached,
  scenarioSuite,
  waitForBadFramesCounted,
  waitForChartToMove,
  waitForStatus,
  WAIT_MS,
} from './harness';

/** Scenarios where the line holds but what comes over it misbehaves. */
describe.skipIf(!hasChromium)('scenarios in the browser: the data', () => {
  const suite = scenarioSuite();
  /** No alerts of the normal feed, so the storm's are the only ones. */
  const QUIET = { firstAlertMs: 3_600_000, alertEveryMs: 3_600_000 };

  it('alert-storm: all 300 alerts listed exactly once, toasts paced, page responsive', async () => {
    const server = await suite.server('alert-storm;firstMs=1000;count=300;overMs=2000', QUIET);
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await phaseReached(server, 'storm 1');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-alert-id^="storm_"]').length >= 300,
      undefined,
      { timeout: WAIT_MS },
    );
    expect(server.alerts).toHaveLength(300);
    await expectEachAlertOnce(page, server.alerts);
    await page.waitForSelector('[data-toast-alert^="storm_"]', { timeout: WAIT_MS });
    const summary = await page.waitForSelector('[data-toast-summary]', { timeout: WAIT_MS });
    expect(Number(await summary.getAttribute('data-toast-summary'))).toBeGreaterThan(0);
    const started = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(Date.now() - started, 'a frame right after the storm').toBeLessThan(1_000);
    await expectCaughtUp(page, server);
    await waitForChartToMove(page, await chartLine(page));
    expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    expect(appErrors(log)).toEqual([]);
  });

  it('malformed-frames: each bad frame counted and dropped, line stays live, markup inert', async () => {
    const server = await suite.server('malformed-frames;firstMs=1500;everyMs=0');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await phaseReached(server, 'bad frames');
    await waitForBadFramesCounted(page);
    const { errors } = await connection(page);
    expect(errors).toMatchObject({ invalid_json: 1, unknown_type: 1, oversized: 1 });
    expect(errors.invalid_shape).toBeGreaterThanOrEqual(3);
    expect(server.backend.stats.barePongs).toBe(1);
    const html = await page.waitForSelector('[data-alert-id^="html_"]', { timeout: WAIT_MS });
    expect(await html.textContent()).toContain('<img src=x');
    expect(await page.locator('[data-alert-id] img, [data-toast-alert] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
    await expectCaughtUp(page, server);
    expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    expect(server.backend.stats.connectionsAccepted).toBe(1);
    expect(appErrors(log)).toEqual([]);
  });

  it('sequence-gap: the lost range (an alert in it) comes from a snapshot, duplicates dropped', async () => {
    const server = await suite.server('sequence-gap;firstMs=1500;everyMs=0;lost=3;duplicates=2');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await phaseReached(server, 'round 1');
    await page.waitForSelector('[data-alert-id^="gap_"]', { timeout: WAIT_MS });
    const after = await connection(page);
    expect(after.errors.sequence_gap).toBe(1);
    expect(after.duplicatesDropped).toBeGreaterThanOrEqual(2);
    await expectCaughtUp(page, server);
    expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    expect(server.backend.stats.connectionsAccepted).toBe(1);
    await waitForChartToMove(page, await chartLine(page));
    expect(appErrors(log)).toEqual([]);
  });
});
