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

/**
 * Look-checks: the dashboard in light and dark, English and Korean, on a laptop and a wall
 * display. The screenshots are kept under test-artifacts/ for a person to look at; the
 * assertions check what a screenshot cannot prove by itself.
 */
type Look = {
  name: string;
  colorScheme: 'light' | 'dark';
  locale: string;
  viewport: { width: number; height: number };
};

const LOOKS: Look[] = [
  {
    name: 'light-en',
    colorScheme: 'light',
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  },
  { name: 'dark-en', colorScheme: 'dark', locale: 'en-US', viewport: { width: 1440, height: 900 } },
  {
    name: 'light-ko',
    colorScheme: 'light',
    locale: 'ko-KR',
    viewport: { width: 1440, height: 900 },
  },
  { name: 'dark-ko', colorScheme: 'dark', locale: 'ko-KR', viewport: { width: 1440, height: 900 } },
  {
    name: 'wall-dark-en',
    colorScheme: 'dark',
    locale: 'en-US',
    viewport: { width: 2560, height: 1440 },
  },
  {
    name: 'narrow-light-ko',
    colorScheme: 'light',
    locale: 'ko-KR',
    viewport: { width: 420, height: 900 },
  },
];

const METRICS = ['cargo_temperature', 'active_vehicles', 'pending_orders', 'on_time_rate'];

async function waitForDashboard(page: Page) {
  await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
    timeout: 15_000,
  });
  // Panels off screen do not draw: bring each into view and wait for its line.
  for (const name of METRICS) {
    await page.locator(`[data-metric="${name}"]`).scrollIntoViewIfNeeded();
    await page.waitForSelector(`[data-metric="${name}"] path.recharts-line-curve`, {
      timeout: 15_000,
    });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  // The QA panel (mock mode only) opens over a corner; fold it so the operator's view is what
  // the screenshot shows.
  await page.evaluate(() => document.querySelector('.qa details')?.removeAttribute('open'));
  // The first alert of the mock feed comes after about 3 s.
  await page.waitForSelector('[data-alert-id]', { timeout: 15_000 });
}

describe.skipIf(!hasChromium)('dashboard look', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof servePreview>>;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let log: string[] = [];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
    mkdirSync(path.join(ARTIFACTS_DIR, 'look'), { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) await saveArtifacts(page, test.task.name, log);
    await context?.close();
    context = undefined;
    page = undefined;
  });

  async function open(look: Omit<Look, 'name'>, query = '') {
    context = await browser.newContext({
      colorScheme: look.colorScheme,
      locale: look.locale,
      viewport: look.viewport,
    });
    page = await context.newPage();
    log = recordConsole(page);
    await page.goto(`${site.url}/${query}`);
    return page;
  }

  for (const look of LOOKS) {
    it(`renders ${look.name} and saves a screenshot`, async () => {
      const page = await open(look);
      await waitForDashboard(page);
      const ko = look.locale.startsWith('ko');
      const badge = page.getByTestId('connection-badge');
      expect(await badge.textContent()).toContain(ko ? '실시간' : 'Live');
      expect(await page.locator('html').getAttribute('lang')).toBe(ko ? 'ko' : 'en');
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      const dark = look.colorScheme === 'dark';
      // The page background follows the system theme.
      const [r] = (background.match(/\d+/g) ?? ['0']).map(Number);
      expect(dark ? r! < 60 : r! > 200).toBe(true);
      // No horizontal scrolling, from a phone-width window to a wall display.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', `${look.name}.png`) });
      expect(consoleErrors(log)).toEqual([]);
    });
  }

  it('switches language without a reload and keeps the choice after one', async () => {
    const page = await open({
      colorScheme: 'light',
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    await waitForDashboard(page);
    await page.selectOption('select[data-action="language"]', 'ko');
    expect(await page.getByTestId('connection-badge').textContent()).toContain('실시간');
    await page.reload();
    await waitForDashboard(page);
    expect(await page.getByTestId('connection-badge').textContent()).toContain('실시간');
    expect(consoleErrors(log)).toEqual([]);
  });

  it('reaches every control by keyboard with a visible focus ring', async () => {
    const page = await open({
      colorScheme: 'dark',
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
    });
    await waitForDashboard(page);
    const seen: { label: string; outline: string }[] = [];
    // Up to 14 stops: fewer when the first alert is critical (its toast has no Dismiss), and
    // focus leaving the last control for the page itself is the end of the walk, not a stop.
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          label: `${el?.tagName ?? ''}:${(el?.textContent ?? '').trim().slice(0, 20)}`,
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
        };
      });
      if (stop.label.startsWith('BODY:')) break;
      seen.push(stop);
    }
    const labels = seen.map((s) => s.label).join(' | ');
    expect(labels).toContain('1 min');
    expect(labels).toContain('Pause');
    expect(labels).toContain('SELECT');
    for (const item of seen) expect(item.outline, item.label).toMatch(/solid [1-9]/);
    await page.keyboard.press('Shift+Tab');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'focus-ring.png') });
  });
});
