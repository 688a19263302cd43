import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS_DIR,
  consoleErrors,
  hasChromium,
  launchChromium,
  recordConsole,
  saveArtifacts,
} from './chromium';
import { settle } from './axe';
import { servePreview } from './preview';

const WAIT_MS = 15_000;
/** More than the store keeps (500): the log must hold what the alerts panel lets go. */
const STORM = 600;
const LOG = '[data-testid="alert-log"]';

/** Reads a downloaded CSV as a spreadsheet would: BOM first, then RFC 4180 records. */
async function readCsv(download: Download): Promise<{ bom: boolean; rows: string[][] }> {
  const file = await download.path();
  const text = readFileSync(file, 'utf8');
  const bom = text.startsWith('\uFEFF');
  const parsed = Papa.parse<string[]>(bom ? text.slice(1) : text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { bom, rows: parsed.data };
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core over the open log only (the rest of the page has its own audit): rule and element. */
async function auditLog(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  await settle(page);
  return page.evaluate(async (selector) => {
    type Result = { id: string; nodes: { target: unknown[] }[] };
    type Axe = { run(context: Element, options: object): Promise<{ violations: Result[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const { violations } = await axe.run(document.querySelector(selector)!, {
      resultTypes: ['violations'],
    });
    return violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
  }, LOG);
}

/**
 * The shift's record in a real browser, on the embedded mock backend with an alert storm larger
 * than the store's bound: open the log, filter it, export it and read the file back, export a
 * chart's window.
 */
describe.skipIf(!hasChromium)('the alert log in the browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof servePreview>>;
  let context: BrowserContext;
  let page: Page;
  let log: string[] = [];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
    mkdirSync(path.join(ARTIFACTS_DIR, 'look'), { recursive: true });
    context = await browser.newContext({
      colorScheme: 'light',
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    log = recordConsole(page);
    await page.goto(`${site.url}/?timing=fast`);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: WAIT_MS,
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') await saveArtifacts(page, test.task.name, log);
  });

  const shown = async () => Number(await page.getAttribute(`${LOG} [data-shown]`, 'data-shown'));
  const logRows = () =>
    page.$$eval(`${LOG} [data-log-alert-id]`, (rows) =>
      rows.map((row) => ({
        id: row.getAttribute('data-log-alert-id') ?? '',
        severity: row.getAttribute('data-severity') ?? '',
        position: Number(row.getAttribute('aria-posinset')),
      })),
    );

  it('keeps every alert of the storm, more than the panel holds, in a virtualised list', async () => {
    // A storm raised once the line is live (from the QA panel), so every alert comes over it
    // rather than in a snapshot (which carries only the newest 200).
    await page.fill('[aria-label="Alerts to flood"]', String(STORM));
    await page.getByRole('button', { name: 'Flood alerts' }).click();
    // Fold the QA panel (mock mode only) so the screenshot shows the operator's view.
    await page.evaluate(() => document.querySelector('.qa details')?.removeAttribute('open'));
    // The panel keeps only 500 of them.
    await page.waitForFunction(() => document.querySelectorAll('[data-alert-id]').length >= 500, {
      timeout: WAIT_MS,
    });
    await page.click('[data-action="alert-log"]');
    await page.waitForSelector(`${LOG} [data-log-alert-id]`, { timeout: WAIT_MS });
    await page.waitForFunction(
      ([selector, storm]) =>
        Number(document.querySelector(`${selector} [data-shown]`)?.getAttribute('data-shown')) >=
        storm,
      [LOG, STORM] as const,
      { timeout: WAIT_MS },
    );
    const total = await shown();
    expect(total).toBeGreaterThan(await page.locator('[data-alert-id]').count());
    const rows = await logRows();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.position).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'alert-log.png') });
    expect(await auditLog(page)).toEqual([]);

    // The oldest entry is at the bottom of the scroll, and only a window is in the page there too.
    await page.$eval('[data-testid="alert-log-scroller"]', (el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.waitForFunction(
      ([selector, last]) =>
        [...document.querySelectorAll(`${selector} [data-log-alert-id]`)].some(
          (row) => row.getAttribute('aria-posinset') === String(last),
        ),
      [LOG, total] as const,
      { timeout: WAIT_MS },
    );
    expect((await logRows()).length).toBeLessThan(60);
  });

  it('filters the log and exports what is shown as CSV, read back intact', async () => {
    await page.fill(`${LOG} [data-log-filter="text"]`, 'cargo temperature');
    await page.selectOption(`${LOG} [data-log-filter="severity"]`, 'critical');
    await page.waitForFunction(
      (selector) =>
        [...document.querySelectorAll(`${selector} [data-log-alert-id]`)].every(
          (row) => row.getAttribute('data-severity') === 'critical',
        ),
      LOG,
      { timeout: WAIT_MS },
    );
    const count = await shown();
    expect(count).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: WAIT_MS }),
      page.click(`${LOG} [data-action="export-alerts"]`),
    ]);
    expect(download.suggestedFilename()).toMatch(/^pulseboard-alerts-[\dT-]+Z\.csv$/);
    const { bom, rows } = await readCsv(download);
    expect(bom).toBe(true);
    const [header, ...records] = rows;
    expect(header).toEqual([
      'id',
      'severity',
      'status',
      'title',
      'message',
      'source',
      'raised_utc',
      'received_utc',
      'history',
    ]);
    expect(records).toHaveLength(count);
    for (const record of records) {
      expect(record[1]).toBe('critical');
      expect(record[3]).toBe('Cargo temperature above 8 °C');
      // Korean text in the message survives the round trip.
      expect(record[4]).toContain('12-가-3456');
      expect(record[6]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(record[8]).toMatch(/^open \d{4}-/);
    }
  });

  it('closes with Escape and gives focus back to its control', async () => {
    await page.keyboard.press('Escape');
    await page.waitForSelector(LOG, { state: 'detached', timeout: WAIT_MS });
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? null),
    ).toBe('alert-log');
  });

  it("exports a chart's current window as CSV from its panel", async () => {
    const panel = '[data-metric="cargo_temperature"]';
    await page.waitForSelector(`${panel} [data-action="export-chart"]`, { timeout: WAIT_MS });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: WAIT_MS }),
      page.click(`${panel} [data-action="export-chart"]`),
    ]);
    expect(download.suggestedFilename()).toMatch(/^pulseboard-cargo_temperature-.+\.csv$/);
    const { rows } = await readCsv(download);
    const [header, ...records] = rows;
    expect(header).toEqual(['metric', 'time_utc', 'epoch_ms', 'value', 'unit']);
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) {
      expect(record[0]).toBe('cargo_temperature');
      expect(Number.isFinite(Number(record[3]))).toBe(true);
    }
    const times = records.map((record) => Number(record[2]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(consoleErrors(log).filter((line) => line.startsWith('[pageerror]'))).toEqual([]);
  });

  it('speaks Korean and follows a dark system theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.selectOption('[data-action="language"]', 'ko');
    await page.getByRole('button', { name: '알림 기록' }).click();
    await page.waitForSelector(`${LOG} [data-log-alert-id]`, { timeout: WAIT_MS });
    expect(await page.getByRole('dialog', { name: '이번 세션의 알림 기록' }).count()).toBe(1);
    expect(await page.textContent(`${LOG} [data-shown]`)).toMatch(/^알림 [\d,]+건 중 [\d,]+건$/);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'alert-log-dark-ko.png') });
    expect(await auditLog(page)).toEqual([]);
  });
});
