import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHANGED_ON_TIME_LABEL } from '../../backend/catalog';
import { parseScenarios } from '../../backend/scenario-runner';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import {
  consoleErrors,
  hasChromium,
  launchChromium,
  recordConsole,
  saveArtifacts,
} from './chromium';
import { servePreview } from './preview';

/**
 * Protocol v1.1 in the browser, against the reference server: the server's Korean labels on a
 * Korean dashboard, a catalogue changed live (label and limit line, no reload), and a v1 server
 * that describes nothing, where the dashboard looks exactly as before v1.1.
 */

// As the scenario harness: a ceiling for a busy machine; conditions hold within a second or two.
const WAIT_MS = 15_000;

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let server: ReferenceServer | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let log: string[] = [];

async function open(scenario: string, locale: 'en-US' | 'ko-KR' = 'en-US'): Promise<Page> {
  const parsed = parseScenarios(scenario);
  if (!parsed.ok) throw new Error(parsed.error);
  server = await startReferenceServer({
    scenario: parsed.value,
    // Quality measurements four times a second: a product panel appears without a wait.
    backend: { firstAlertMs: 60_000, qualityEveryMs: 250 },
  });
  context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  log = recordConsole(page);
  await page.goto(`${site.url}/?timing=fast&api=${encodeURIComponent(server.url)}`);
  await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
    timeout: WAIT_MS,
  });
  return page;
}

const title = (p: Page, metric: string) =>
  p.locator(`[data-metric="${metric}"] .panel__title`).textContent({ timeout: WAIT_MS });

async function waitForTitle(p: Page, metric: string, text: string) {
  await p.waitForFunction(
    ([name, want]) =>
      document.querySelector(`[data-metric="${name}"] .panel__title`)?.textContent === want,
    [metric, text] as const,
    { timeout: WAIT_MS },
  );
}

/** Waits until a panel's chart draws a limit line labelled `text` (recharts labels it apart). */
async function waitForLimitLine(p: Page, metric: string, kind: string, text: string) {
  await p.waitForFunction(
    ([name, lineKind, want]) => {
      const panel = document.querySelector(`[data-metric="${name}"]`);
      if (!panel?.querySelector(`.limit--${lineKind} line`)) return false;
      return [...panel.querySelectorAll('.recharts-label')].some((l) => l.textContent === want);
    },
    [metric, kind, text] as const,
    { timeout: WAIT_MS },
  );
}

/** The labels of every limit line a panel's chart draws. */
const limitLabels = (p: Page, metric: string) =>
  p.evaluate(
    (name) =>
      [...document.querySelectorAll(`[data-metric="${name}"] .recharts-label`)].map(
        (l) => l.textContent,
      ),
    metric,
  );

/** What the page's store holds of the catalogue and the connection's error counts. */
function storeView(p: Page) {
  return p.evaluate(() => {
    type State = {
      catalog: { known: boolean; metrics: Map<string, unknown> };
      connection: { errors: Record<string, number>; sessionId: string | null; epoch: string };
    };
    type Handle = { store: { getState(): State } };
    const s = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState();
    return {
      catalogKnown: s.catalog.known,
      described: s.catalog.metrics.size,
      // Only the kinds that happened: the store lists every kind, most at 0.
      errors: Object.fromEntries(Object.entries(s.connection.errors).filter(([, n]) => n > 0)),
      sessionId: s.connection.sessionId,
      epoch: s.connection.epoch,
    };
  });
}

describe.skipIf(!hasChromium)('the catalogue (protocol v1.1) against the reference server', () => {
  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) await saveArtifacts(page, test.task.name, log);
    await context?.close();
    await server?.close();
    context = undefined;
    page = undefined;
    server = undefined;
  });

  it("shows the server's Korean label on a Korean dashboard", async () => {
    const p = await open('steady', 'ko-KR');
    // Only the server knows this metric: its Korean name can come from nowhere else.
    await waitForTitle(p, 'p42_wall_thickness', '벽 두께 · 제품 42');
    expect(await title(p, 'cargo_temperature')).toBe('화물 온도');
    expect(await p.locator('[data-metric="p42_wall_thickness"]').getAttribute('data-chart')).toBe(
      'control',
    );
    expect((await storeView(p)).catalogKnown).toBe(true);
    expect(consoleErrors(log)).toEqual([]);
  });

  it('changes a label and a limit line live when the server sends a new catalogue', async () => {
    const p = await open('steady');
    await waitForTitle(p, 'on_time_rate', 'On-time rate');
    await waitForLimitLine(p, 'cargo_temperature', 'max', 'max 8 °C');
    const before = await storeView(p);
    // A mark on the window: a reload would wipe it.
    await p.evaluate(() => Object.assign(window, { __sameDocument: true }));

    const change = parseScenarios('catalog-change;firstMs=0');
    if (!change.ok) throw new Error(change.error);
    server!.scenarios.run(change.value);

    await waitForTitle(p, 'on_time_rate', CHANGED_ON_TIME_LABEL.en);
    await waitForLimitLine(p, 'cargo_temperature', 'max', 'max 7 °C');
    expect((await limitLabels(p, 'cargo_temperature')).sort()).toEqual(['max 7 °C', 'min 2 °C']);
    expect(await p.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(
      true,
    );
    const after = await storeView(p);
    expect([after.sessionId, after.epoch]).toEqual([before.sessionId, before.epoch]);
    expect(after.errors).toEqual({});
    expect(consoleErrors(log)).toEqual([]);
  });

  it('shows a v1 server (no catalogue) as before: built-in labels and limits, no topics', async () => {
    const p = await open('v1');
    for (const [metric, label] of [
      ['cargo_temperature', 'Cargo temperature'],
      ['active_vehicles', 'Active vehicles'],
      ['pending_orders', 'Pending orders'],
      ['on_time_rate', 'On-time rate'],
    ] as const)
      await waitForTitle(p, metric, label);
    await waitForLimitLine(p, 'cargo_temperature', 'max', 'max 8 °C');
    await waitForLimitLine(p, 'on_time_rate', 'min', 'min 92 %');
    expect(await p.locator('[data-metric]').count()).toBe(4);
    expect(await p.locator('[data-chart="control"], [data-topic]').count()).toBe(0);
    expect(await p.locator('[data-testid="data-problems"]').count()).toBe(0);
    const view = await storeView(p);
    expect(view.catalogKnown).toBe(false);
    expect(view.errors).toEqual({});
    expect(consoleErrors(log)).toEqual([]);
  });
});
