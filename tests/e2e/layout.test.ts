import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  consoleErrors,
  hasChromium,
  launchChromium,
  recordConsole,
  saveArtifacts,
} from './chromium';
import { servePreview } from './preview';
import { WAIT_MS } from './scenarios/harness';

/**
 * Arranging the screen (issue #14, item 6) in the built dashboard on its embedded mock backend:
 * a hidden panel stays hidden across a reload and comes back from the hidden list, an order set
 * with the keyboard survives a reload, and a reset returns to the server's order. The tests
 * share one browser context, so its localStorage carries the layout from one to the next.
 */

const order = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-metric]')].map((el) => el.getAttribute('data-metric')),
  );

describe.skipIf(!hasChromium)('arranging the panels', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof servePreview>>;
  let context: BrowserContext;
  let page: Page;
  let log: string[] = [];
  /** The server's order, read on the first load. */
  let serverOrder: string[] = [];

  /**
   * (Re)loads the dashboard and returns the panels' order once every metric the store has is
   * on screen (but the `hidden` ones) and the order held still for two seconds: the mock brings
   * some metrics a tick after the first ones, and its quality lines' first samples a second in.
   */
  async function load(hidden = 0): Promise<string[]> {
    await page.goto(`${site.url}/?timing=fast`);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: WAIT_MS,
    });
    const deadline = Date.now() + WAIT_MS;
    let last = '';
    let same = 0;
    while (Date.now() < deadline) {
      const total = await page.evaluate(() => {
        type Handle = { store: { getState(): { seriesNames: readonly string[] } } };
        return (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
          .seriesNames.length;
      });
      const names = (await order(page)).filter((name): name is string => name !== null);
      const key = names.join(' ');
      if (key === last && names.length + hidden === total && total >= 3) {
        if (++same >= 10) return names;
      } else {
        last = key;
        same = 0;
      }
      await page.waitForTimeout(200);
    }
    throw new Error(`the panels never settled: ${last}`);
  }

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
    context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    });
    page = await context.newPage();
    log = recordConsole(page);
    mkdirSync(path.join(ARTIFACTS_DIR, 'look'), { recursive: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') await saveArtifacts(page, test.task.name, log);
  });

  it('hides a panel, keeps it hidden across a reload, and shows it again from the list', async () => {
    serverOrder = await load();
    const [, hidden] = serverOrder;
    if (!hidden) throw new Error('expected at least two panels');
    await page.click(`[data-metric="${hidden}"] [data-action="hide-panel"]`);
    await page.waitForSelector(`[data-metric="${hidden}"]`, { state: 'detached' });
    // Focus lands on the list the panel can come back from.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe(
      'hidden-panels',
    );

    expect(await load(1)).toEqual(serverOrder.filter((name) => name !== hidden));
    const summary = page.locator('[data-action="hidden-panels"]');
    expect(await summary.textContent()).toBe('Hidden panels (1)');
    // Hidden costs nothing: no panel, so no chart, for that metric.
    expect(await page.locator(`[data-metric="${hidden}"]`).count()).toBe(0);

    await summary.click();
    await page.click(`[data-action="show-panel"][data-panel="${hidden}"]`);
    await page.waitForSelector(`[data-metric="${hidden}"] path.recharts-line-curve`, {
      timeout: WAIT_MS,
    });
    // Back in its place, not at the end.
    expect(await order(page)).toEqual(serverOrder);
    expect(await summary.textContent()).toBe('Hidden panels (0)');
  });

  it('moves a panel to the front with the keyboard alone, and the order survives a reload', async () => {
    const last = serverOrder.at(-1) as string;
    await page.focus(`[data-metric="${last}"] .panel-arrange__toggle`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe(
      'move-first',
    );
    await page.keyboard.press('Enter');
    // First among the panels it is shown with (its group, when the catalogue groups them).
    const moved = await order(page);
    expect(moved.indexOf(last)).toBeLessThan(serverOrder.indexOf(last));
    expect([...moved].sort()).toEqual([...serverOrder].sort());
    // Focus stayed on the control used, inside the moved panel, and the move was announced.
    expect(
      await page.evaluate(
        () =>
          `${document.activeElement?.closest('[data-metric]')?.getAttribute('data-metric')} ${document.activeElement?.getAttribute('data-action')}`,
      ),
    ).toBe(`${last} move-first`);
    expect(await page.getByTestId('layout-announcement').textContent()).toMatch(
      /moved to position 1 of \d+\.$/,
    );
    // Escape closes the menu, back on its button.
    await page.keyboard.press('Escape');
    expect(await page.locator(`[data-metric="${last}"] details[open]`).count()).toBe(0);

    expect(await load()).toEqual(moved);
  });

  it('resets to the server order, and saves a look at the layout tools in light and dark', async () => {
    const first = serverOrder[0] as string;
    await page.click(`[data-metric="${first}"] [data-action="hide-panel"]`);
    // The top row's panel: the QA panel (mock mode) floats over the lower left. The hidden list
    // opens from the keyboard, so the press that opened the menu has not closed it.
    await page.click(`[data-metric="${serverOrder[1]}"] .panel-arrange__toggle`);
    await page.focus('[data-action="hidden-panels"]');
    await page.keyboard.press('Enter');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'layout.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'layout-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.click('[data-action="reset-layout"]');
    await page.waitForSelector(`[data-metric="${first}"]`);
    expect(await order(page)).toEqual(serverOrder);
    expect(await load()).toEqual(serverOrder);
    expect(await page.locator('[data-action="hidden-panels"]').textContent()).toBe(
      'Hidden panels (0)',
    );
    expect(consoleErrors(log)).toEqual([]);
  });
});
