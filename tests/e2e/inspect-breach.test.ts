import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import { ARTIFACTS_DIR, hasChromium, launchChromium, saveArtifacts } from './chromium';
import { servePreview } from './preview';
import {
  appErrors,
  openDashboard,
  waitForSeq,
  waitForStatus,
  WAIT_MS,
  type Dashboard,
} from './scenarios/harness';

/**
 * Chart inspection and limits at a glance in the production build against the reference server:
 * one browser, one server and one dashboard for the file, the feed paused while a test reads the
 * chart so what it reads holds still.
 */
const METRIC = 'cargo_temperature';
const PANEL = `[data-metric="${METRIC}"]`;

/** The store's sample of METRIC at `ts` and the clock text for it, as the page formats them. */
function sampleAt(page: Page, ts: number) {
  return page.evaluate(
    ([name, at]) => {
      type Buffer = {
        size: number;
        tsAt(i: number): number;
        valueAt(i: number): number;
        lowerBound(ts: number): number;
      };
      type Handle = { store: { getState(): { series: Map<string, { buffer: Buffer }> } } };
      const buffer = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store
        .getState()
        .series.get(name)!.buffer;
      const i = buffer.lowerBound(at);
      const clock = new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      });
      return {
        found: i < buffer.size && buffer.tsAt(i) === at,
        value: buffer.valueAt(i),
        newest: buffer.tsAt(buffer.size - 1),
        clock: clock.format(new Date(at)),
      };
    },
    [METRIC, ts] as const,
  );
}

/** The value the panel shows as its newest. */
function shownNumber(page: Page): Promise<string> {
  return page.locator(`${PANEL} .panel__number`).innerText();
}

async function tooltip(page: Page): Promise<{ ts: number; text: string } | null> {
  return page.evaluate((panel) => {
    const tip = document.querySelector(`${panel} [role="tooltip"]`);
    if (!tip) return null;
    return { ts: Number(tip.getAttribute('data-inspect-ts')), text: tip.textContent ?? '' };
  }, PANEL);
}

/** The number a readout ("8.31 °C…") starts with. */
const readValue = (text: string) => Number(text.split(' °C')[0]!.replace(/,/g, ''));

/**
 * The tooltip names a sample exactly as the store holds it ("3.96 °C" even where the panel shows
 * one decimal) and its clock time.
 */
async function expectTooltipTellsItsSample(page: Page) {
  const tip = await tooltip(page);
  expect(tip, 'a tooltip').not.toBeNull();
  const sample = await sampleAt(page, tip!.ts);
  expect(sample.found, `a sample at ${tip!.ts}`).toBe(true);
  expect(readValue(tip!.text), tip!.text).toBe(sample.value);
  expect(tip!.text.endsWith(` °C${sample.clock}`), tip!.text).toBe(true);
  return tip!;
}

/**
 * `value` as the panel writes it at `decimals` places (Intl rounds a decimal tie away from zero:
 * 4.35 reads "4.4" where `toFixed`, working on the binary value, says "4.3").
 */
const asShown = (value: number, decimals: number) =>
  new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);

/** The panel's number is the inspected newest sample, at the panel's own decimals. */
async function expectPanelShows(page: Page, tipText: string) {
  const shown = await shownNumber(page);
  const decimals = shown.includes('.') ? shown.length - shown.indexOf('.') - 1 : 0;
  expect(asShown(readValue(tipText), decimals), tipText).toBe(shown);
}

describe.skipIf(!hasChromium)('chart inspection and limits at a glance', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof servePreview>>;
  let server: ReferenceServer;
  let dashboard: Dashboard;
  let page: Page;

  beforeAll(async () => {
    [browser, site, server] = await Promise.all([
      launchChromium(),
      servePreview(),
      // Alerts far off: their toasts are not what these tests look at.
      startReferenceServer({ backend: { firstAlertMs: 600_000, alertEveryMs: 600_000 } }),
    ]);
    dashboard = await openDashboard(browser, site.url, server.url);
    page = dashboard.page;
    await waitForStatus(page, 'live');
    await page.waitForSelector(`${PANEL} path.recharts-line-curve`, { timeout: WAIT_MS });
    // A few seconds of history, then a still chart: pause, and wait until the panel shows the
    // newest sample (the line is drawn in the same frame as the number).
    await page.waitForFunction(
      (panel) =>
        (
          document.querySelector(`${panel} path.recharts-line-curve`)?.getAttribute('d') ?? ''
        ).split('L').length > 8,
      PANEL,
      { timeout: WAIT_MS },
    );
    mkdirSync(path.join(ARTIFACTS_DIR, 'look'), { recursive: true });
  }, 60_000);
  /**
   * Pauses the feed and waits until the panel shows the newest sample (the line is drawn in the
   * same frame as the number) and has dimmed as stale, so its layout holds still too.
   */
  async function holdStill() {
    server.backend.faults.feedPaused = true;
    await waitForSeq(page, server.backend.epoch, server.backend.seq);
    await page.waitForFunction(
      ([panel, name]) => {
        type Handle = {
          store: {
            getState(): { series: Map<string, { buffer: { last(): { value: number } } }> };
          };
        };
        const last = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store
          .getState()
          .series.get(name)!
          .buffer.last();
        const shown = document.querySelector(`${panel} .panel__number`)?.textContent ?? '';
        // At the panel's decimals (the catalogue's, or the series' own), rounded as the panel
        // rounds (see asShown; a function of this file cannot be called in the page).
        const decimals = shown.includes('.') ? shown.length - shown.indexOf('.') - 1 : 0;
        const format = new Intl.NumberFormat('en-US', {
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
        });
        return shown !== '' && shown === format.format(last.value);
      },
      [PANEL, METRIC] as const,
      { timeout: WAIT_MS },
    );
    await page.waitForSelector(`${PANEL}[data-stale]`, { timeout: WAIT_MS });
  }

  afterAll(async () => {
    await dashboard?.context.close();
    await server?.close();
    await browser?.close();
    await site?.close();
  });
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page)
      await saveArtifacts(page, test.task.name, dashboard.log);
  });

  it('shows the exact value, unit and time of the point under the mouse, without redrawing the line', async () => {
    // While the feed runs: the tooltip follows the chart under a resting pointer.
    let surface = (await page.locator(`${PANEL} .inspect-layer__surface`).boundingBox())!;
    await page.mouse.move(surface.x + surface.width * 0.6, surface.y + surface.height / 2);
    await page.waitForSelector(`${PANEL} [role="tooltip"]`, { timeout: WAIT_MS });
    await expectTooltipTellsItsSample(page);
    await page.locator(PANEL).screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'tooltip.png') });

    await holdStill();
    // Every change inside the chart that is not the inspect layer's own: a redraw of the line or
    // the axes would show here.
    await page.evaluate((panel) => {
      const svg = document.querySelector(`${panel} svg.recharts-surface`)!;
      const outside: string[] = [];
      (window as unknown as { __outside: string[] }).__outside = outside;
      new MutationObserver((records) => {
        for (const record of records) {
          const target =
            record.target instanceof Element ? record.target : record.target.parentElement;
          if (!target?.closest('.inspect-layer')) outside.push(`${record.type} ${target?.tagName}`);
        }
      }).observe(svg, { subtree: true, childList: true, attributes: true, characterData: true });
    }, PANEL);
    surface = (await page.locator(`${PANEL} .inspect-layer__surface`).boundingBox())!;
    const y = surface.y + surface.height / 2;
    const seen = new Set<number>();
    // From just right of the value axis' line to the right edge of the plot.
    for (let i = 0; i <= 10; i++) {
      await page.mouse.move(surface.x + 2 + ((surface.width - 3) * i) / 10, y);
      await page.waitForSelector(`${PANEL} [role="tooltip"]`, { timeout: WAIT_MS });
      const tip = await expectTooltipTellsItsSample(page);
      seen.add(tip.ts);
    }
    // Left to right across the chart: older to newer, several points, the newest last.
    const tips = [...seen];
    expect(tips).toEqual([...tips].sort((a, b) => a - b));
    expect(tips.length).toBeGreaterThan(5);
    // At the right edge: the newest drawn sample, the one the panel's number shows.
    const tip = (await tooltip(page))!;
    expect(tip.ts).toBe(tips[tips.length - 1]);
    await expectPanelShows(page, tip.text);
    // The crosshair is drawn; nothing else in the chart changed.
    expect(await page.locator(`${PANEL} .inspect-layer__crosshair circle`).count()).toBe(1);
    expect(
      await page.evaluate(() => (window as unknown as { __outside: string[] }).__outside),
    ).toEqual([]);
    // Leaving the chart ends inspection.
    await page.mouse.move(surface.x + surface.width / 2, surface.y - 80);
    await page.waitForSelector(`${PANEL} [role="tooltip"]`, {
      state: 'detached',
      timeout: WAIT_MS,
    });
    expect(appErrors(dashboard.log)).toEqual([]);
  });

  it('moves the inspected point with the arrow keys and reads it out; Escape ends it', async () => {
    const chart = page.locator(`${PANEL} .panel__chart`);
    await chart.focus();
    await page.keyboard.press('End');
    const last = await expectTooltipTellsItsSample(page);
    await expectPanelShows(page, last.text);
    let previous = last.ts;
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowLeft');
      const tip = await expectTooltipTellsItsSample(page);
      expect(tip.ts).toBeLessThan(previous);
      previous = tip.ts;
    }
    // What a screen reader hears: the same point, in a polite live region.
    const sample = await sampleAt(page, previous);
    const live = page.locator(`${PANEL} [data-inspect-live]`);
    expect(await live.getAttribute('aria-live')).toBe('polite');
    const heard = (await live.textContent()) ?? '';
    expect(heard.startsWith(`${sample.clock}, `), heard).toBe(true);
    expect(readValue(heard.slice(`${sample.clock}, `.length)), heard).toBe(sample.value);
    await page.keyboard.press('ArrowRight');
    expect((await tooltip(page))!.ts).toBeGreaterThan(previous);
    await page.keyboard.press('Home');
    const first = await expectTooltipTellsItsSample(page);
    expect(first.ts).toBeLessThan(previous);
    await page.keyboard.press('Escape');
    expect(await tooltip(page)).toBeNull();
    expect(await live.textContent()).toBe('');
    expect(appErrors(dashboard.log)).toEqual([]);
  });

  it('marks a value the server pushes over max: data-breach, colour, icon and since when', async () => {
    const panel = page.locator(PANEL);
    // No focus ring left over from the keyboard test in the screenshots.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const push = (ts: number, value: number) =>
      server.backend.publishSamples([{ name: METRIC, ts, value, unit: '°C' }]);
    // The feed is paused: the server sends only these. A sample inside the limits, then the
    // run over max; more of the run every 400 ms keeps the panel live for the screenshots.
    const t0 = Math.max(Date.now() - 3_000, (await sampleAt(page, 0)).newest + 1);
    push(t0, 5);
    push(t0 + 1_000, 9.4);
    push(t0 + 2_000, 9.62);
    const keepAlive = setInterval(() => push(Math.max(Date.now(), t0 + 2_001), 9.62), 400);
    try {
      await page.waitForSelector(`${PANEL}[data-breach="high"]:not([data-stale])`, {
        timeout: WAIT_MS,
      });
      const since = (await sampleAt(page, t0 + 1_000)).clock;
      expect(await panel.locator('.panel__breach').textContent()).toBe(
        `above max 8 °C since ${since}`,
      );
      expect(await panel.locator('.panel__breach svg').count()).toBe(1);
      // The value and the panel's edge in the critical colour.
      const colours = await page.evaluate((p) => {
        const probe = document.createElement('span');
        probe.style.color = 'var(--critical)';
        document.body.append(probe);
        const critical = getComputedStyle(probe).color;
        probe.remove();
        const el = document.querySelector(p)!;
        return {
          critical,
          edge: getComputedStyle(el).borderTopColor,
          value: getComputedStyle(el.querySelector('.panel__value')!).color,
        };
      }, PANEL);
      expect(colours.edge).toBe(colours.critical);
      expect(colours.value).toBe(colours.critical);
      await panel.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'breach.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await panel.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'breach-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
    } finally {
      clearInterval(keepAlive);
    }

    // Below min: the other side; back within the limits: no mark at all.
    const low = Math.max(Date.now(), (await sampleAt(page, 0)).newest + 1);
    push(low, 1.4);
    await page.waitForSelector(`${PANEL}[data-breach="low"]`, { timeout: WAIT_MS });
    expect(await panel.locator('.panel__breach').textContent()).toBe(
      `below min 2 °C since ${(await sampleAt(page, low)).clock}`,
    );
    push(low + 1, 5.1);
    await page.waitForFunction(
      (p) => !document.querySelector(p)?.hasAttribute('data-breach'),
      PANEL,
      { timeout: WAIT_MS },
    );
    expect(await panel.locator('.panel__breach').count()).toBe(0);
    expect(appErrors(dashboard.log)).toEqual([]);
  });
});
