import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import {
  ARTIFACTS_DIR,
  consoleErrors,
  hasChromium,
  launchChromium,
  recordConsole,
  saveArtifacts,
} from './chromium';
import { servePreview } from './preview';

/**
 * The topics picker against the reference server, which sends a product's quality samples only
 * to sessions subscribed to its topic: a panel appearing is the server's word that the
 * subscription reached it. The choice must survive a reload (it is sent in the new hello).
 */

const WAIT_MS = 10_000;

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let server: ReferenceServer;
let context: BrowserContext;
let page: Page;
let log: string[] = [];

const topic = (id: string) => `[data-topic="${id}"]`;
const panel = (metric: string) => `[data-metric="${metric}"]`;

async function waitPressed(p: Page, id: string, pressed: boolean) {
  await p.waitForSelector(`${topic(id)}[aria-pressed="${pressed}"]`, { timeout: WAIT_MS });
}

async function waitLive(p: Page) {
  await p.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
    timeout: WAIT_MS,
  });
}

describe.skipIf(!hasChromium)('topics picker against the reference server', () => {
  beforeAll(async () => {
    [browser, site, server] = await Promise.all([
      launchChromium(),
      servePreview(),
      startReferenceServer({ backend: { firstAlertMs: 60_000 } }),
    ]);
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    log = recordConsole(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('subscribes a chosen topic, unsubscribes a cleared one, and remembers both across a reload', async () => {
    try {
      await page.goto(`${site.url}/?timing=fast&api=${encodeURIComponent(server.url)}`);
      await waitLive(page);
      // The catalogue's default topic is on, the other off until the operator chooses it.
      await waitPressed(page, 'product:42', true);
      await waitPressed(page, 'product:7', false);
      await page.waitForSelector(panel('p42_wall_thickness'), { timeout: WAIT_MS });
      expect(await page.locator(panel('p7_wall_thickness')).count()).toBe(0);

      await page.click(topic('product:7'));
      await waitPressed(page, 'product:7', true);
      // Only a subscribed session receives product 7's samples: the panel is the server's answer.
      await page.waitForSelector(panel('p7_wall_thickness'), { timeout: WAIT_MS });

      await page.click(topic('product:42'));
      await waitPressed(page, 'product:42', false);
      await page.waitForSelector(panel('p42_wall_thickness'), {
        state: 'detached',
        timeout: WAIT_MS,
      });
      mkdirSync(path.join(ARTIFACTS_DIR, 'look'), { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'topics.png') });

      await page.reload();
      await waitLive(page);
      await waitPressed(page, 'product:7', true);
      await waitPressed(page, 'product:42', false);
      await page.waitForSelector(panel('p7_fill_weight'), { timeout: WAIT_MS });
      expect(await page.locator(panel('p42_wall_thickness')).count()).toBe(0);
      expect(await page.locator(panel('p42_fill_weight')).count()).toBe(0);
      // Panels of one group sit together under their topic's heading.
      expect(await page.locator('[data-group="group:product:7"]').textContent()).toBe(
        'Product 7 line',
      );
      expect(consoleErrors(log)).toEqual([]);
    } catch (error) {
      await saveArtifacts(page, 'topics', log);
      throw error;
    }
  });
});
