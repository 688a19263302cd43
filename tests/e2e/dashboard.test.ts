import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  consoleErrors,
  hasChromium,
  launchChromium,
  recordConsole,
  saveArtifacts,
} from './chromium';
import { servePreview } from './preview';

/** Number of points in the first chart's line (`M` then one `L` per further point). */
async function linePoints(page: Page, metric: string): Promise<number> {
  return page.evaluate((name) => {
    const d =
      document
        .querySelector(`[data-metric="${name}"] path.recharts-line-curve`)
        ?.getAttribute('d') ?? '';
    return d.startsWith('M') ? d.split(/[ML]/).filter((part) => part.trim() !== '').length : 0;
  }, metric);
}

describe.skipIf(!hasChromium)('the built dashboard on the embedded mock backend', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof servePreview>>;
  let page: Page;
  let log: string[];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page)
      await saveArtifacts(page, context.task.name, log);
    await page?.close();
  });

  it('goes live and the chart line gains points', async () => {
    page = await browser.newPage();
    log = recordConsole(page);
    await page.goto(site.url);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: 15_000,
    });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-metric="cargo_temperature"] path.recharts-line-curve') !==
        null,
      undefined,
      { timeout: 15_000 },
    );
    const before = await linePoints(page, 'cargo_temperature');
    await page.waitForFunction(
      ([name, count]) => {
        const d =
          document
            .querySelector(`[data-metric="${name}"] path.recharts-line-curve`)
            ?.getAttribute('d') ?? '';
        return d.split(/[ML]/).filter((part) => part.trim() !== '').length > (count as number) + 2;
      },
      ['cargo_temperature', before] as const,
      { timeout: 15_000 },
    );
    expect(await linePoints(page, 'cargo_temperature')).toBeGreaterThan(before);
    expect(consoleErrors(log)).toEqual([]);
  });

  it('toasts an alert from the mock backend', async () => {
    page = await browser.newPage();
    log = recordConsole(page);
    await page.goto(site.url);
    const row = await page.waitForSelector('[data-alert-id]', { timeout: 15_000 });
    const title = await row.$eval('.alert__title', (el) => el.textContent ?? '');
    const id = await row.getAttribute('data-alert-id');
    const severity = await page.evaluate(
      (alertId) =>
        (
          window as unknown as {
            __PULSEBOARD__: {
              store: { getState(): { alerts: ReadonlyMap<string, { severity: string }> } };
            };
          }
        ).__PULSEBOARD__.store
          .getState()
          .alerts.get(alertId ?? '')?.severity,
      id,
    );
    expect(['critical', 'warning', 'info']).toContain(severity);
    const toastEl = page.locator(`[data-toast-alert="${id}"]`);
    await toastEl.waitFor({ timeout: 5_000 });
    expect(await toastEl.textContent()).toContain(title);
    // Toasts are named groups, not live regions: the announcer says each alert once, critical
    // ones assertively, the rest politely (issue #17: a storm must not be a flood of speech).
    expect(await toastEl.getAttribute('role')).toBe('group');
    expect(await toastEl.getAttribute('aria-live')).toBeNull();
    const word = `${severity?.charAt(0).toUpperCase()}${severity?.slice(1)}`;
    expect(await toastEl.getAttribute('aria-label')).toBe(`${word}: ${title}`);
    const region = severity === 'critical' ? 'announce-critical' : 'announce-alerts';
    expect(await page.getAttribute(`[data-testid="${region}"]`, 'aria-live')).toBe(
      severity === 'critical' ? 'assertive' : 'polite',
    );
    await page.waitForFunction(
      ([testId, text]) =>
        document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes(text) ?? false,
      [region, title] as const,
      { timeout: 5_000 },
    );
    expect(consoleErrors(log)).toEqual([]);
  });
});
