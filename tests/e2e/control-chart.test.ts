import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seededRandom } from '../../backend/random';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import { ARTIFACTS_DIR, hasChromium, launchChromium } from './chromium';
import { servePreview } from './preview';
import {
  appErrors,
  openDashboard,
  waitForStatus,
  WAIT_MS,
  type Dashboard,
} from './scenarios/harness';

/**
 * A control chart in the production build against the reference server: the product 42 quality
 * line (a default topic) measures every 100 ms; the test makes its process drift and waits for
 * the chart to mark the violation, the panel to count it, and one toast per run.
 */
const METRIC = 'p42_wall_thickness';
const PANEL = `[data-metric="${METRIC}"]`;
const SPC_TOAST = '[data-toast-alert^="local:spc:"]';

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let server: ReferenceServer | undefined;
let dashboard: Dashboard | undefined;

describe.skipIf(!hasChromium)('the control chart in the browser', () => {
  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async (context) => {
    await dashboard?.finish(context.task.name, context.task.result?.state === 'fail');
    await server?.close();
  });

  it('marks a drift on the chart, counts it on the panel and toasts each run once', async () => {
    server = await startReferenceServer({
      backend: { qualityEveryMs: 100, firstAlertMs: 600_000, random: seededRandom(15) },
    });
    dashboard = await openDashboard(browser, site.url, server.url);
    const { page } = dashboard;
    await waitForStatus(page, 'live');
    await page.waitForSelector(`${PANEL}[data-chart="control"] [data-line="ucl"]`, {
      timeout: WAIT_MS,
    });
    // The cold-chain panels stay line charts.
    expect(await page.getAttribute('[data-metric="cargo_temperature"]', 'data-chart')).toBe('line');

    server.backend.driftQuality();
    await page.waitForFunction(
      (panel) => {
        const el = document.querySelector(panel);
        return (
          Number(el?.getAttribute('data-violations') ?? 0) >= 1 &&
          el?.querySelector('.control-mark') !== null &&
          el?.querySelector('.control-mark__rule') !== null
        );
      },
      PANEL,
      { timeout: WAIT_MS },
    );
    await page.waitForSelector(SPC_TOAST, { timeout: WAIT_MS });

    const panel = page.locator(PANEL);
    expect(await panel.locator('[data-testid="violations"]').textContent()).toMatch(
      /\d+ rule violations?/,
    );
    expect(await panel.locator('[data-testid="capability"]').textContent()).toMatch(
      /^Cp \d+\.\d\d · Cpk -?\d+\.\d\d \(n = \d+\)$/,
    );
    // Every local alert is one run: one toast each, however many samples have extended it since.
    const { alerts, toasts } = await page.evaluate((selector) => {
      type Handle = { store: { getState(): { alertIds: readonly string[] } } };
      const ids = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store
        .getState()
        .alertIds.filter((id) => id.startsWith('local:spc:'));
      const shown = [...document.querySelectorAll(selector)].map(
        (el) => el.getAttribute('data-toast-alert') ?? '',
      );
      return { alerts: ids, toasts: shown };
    }, SPC_TOAST);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(alerts).size).toBe(alerts.length);
    expect(new Set(toasts).size).toBe(toasts.length);

    // Held still for the picture: the chart redraws five times a second while samples arrive.
    server.backend.faults.feedPaused = true;
    mkdirSync(path.join(ARTIFACTS_DIR, 'look'), { recursive: true });
    await panel.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'control-chart.png') });
    expect(appErrors(dashboard.log)).toEqual([]);
  });
});
