import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium, recordConsole, saveArtifacts } from './chromium';
import { servePreview } from './preview';
import { appErrors, fireMockFault, WAIT_MS } from './scenarios/harness';

/**
 * Keyboard and screen reader (issue #17): the page walked by Tab in a sensible order with a
 * visible focus ring and no trap; every kind of control answers Enter and Space; Alt+Shift+A
 * reaches the newest critical toast and goes back; Escape closes what it should; a storm is
 * announced once, as a count; charts carry a text alternative.
 */

type Stop = { label: string; outline: string; svg: boolean };

/** What the focused element is, in words a failure message can show. */
function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const data = (el as HTMLElement).dataset;
    const name =
      data.window !== undefined
        ? `window ${data.window}`
        : data.action
          ? `action ${data.action}`
          : data.severityFilter
            ? `chip ${data.severityFilter}`
            : (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
    return {
      label: `${el.tagName.toLowerCase()}:${name}`,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      svg: el.closest('svg') !== null,
    };
  });
}

const activeInCriticalToast = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.closest('[data-toast-alert].toast--critical') !== null,
  );

describe.skipIf(!hasChromium)('keyboard and screen reader', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof servePreview>>;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let log: string[] = [];

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
    context = undefined;
    page = undefined;
  });

  async function open() {
    context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    });
    page = await context.newPage();
    log = recordConsole(page);
    await page.goto(`${site.url}/?timing=fast`);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: WAIT_MS,
    });
    await page.waitForSelector('[data-metric] path.recharts-line-curve', { timeout: WAIT_MS });
    return page;
  }

  async function raiseCritical(page: Page) {
    await fireMockFault(page, { type: 'flood-alerts', count: 8, overMs: 0, severity: 'critical' });
    await page.waitForSelector('[data-toast-alert].toast--critical[data-visible="true"]', {
      timeout: WAIT_MS,
    });
  }

  it('walks every control by Tab in order, each with a focus ring, and never traps focus', async () => {
    const page = await open();
    await page.waitForSelector('[data-alert-id]', { timeout: WAIT_MS });
    const stops: Stop[] = [];
    let first: string | null = null;
    let ended = false;
    for (let i = 0; i < 300; i++) {
      await page.keyboard.press('Tab');
      const stop = await focused(page);
      // Back to the start (or out to the browser's own UI): the walk went all the way round.
      if (stop === null || stop.label === first) {
        ended = true;
        break;
      }
      first ??= stop.label;
      stops.push(stop);
    }
    const labels = stops.map((s) => s.label);
    expect(ended, `no way out after ${labels.join(' | ')}`).toBe(true);
    const order = [
      'button:window 1',
      'button:window 5',
      'button:window 15',
      'button:action pause',
      'select:action language',
      'button:chip all',
      'button:chip critical',
      'button:chip warning',
      'button:chip info',
    ];
    const positions = order.map((label) => labels.indexOf(label));
    expect(
      positions.every((p) => p >= 0),
      labels.join(' | '),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The alerts panel's controls come before the QA panel's (the operator's page first).
    const qa = labels.findIndex((l) => l.includes('Run scenario'));
    expect(qa).toBeGreaterThan(labels.indexOf('button:chip info'));
    for (const stop of stops) expect(stop.outline, stop.label).toMatch(/solid [2-9]/);
    expect(stops.filter((s) => s.svg).map((s) => s.label)).toEqual([]);
    expect(appErrors(log)).toEqual([]);
  });

  it('answers Enter and Space on buttons, chips and details; Escape closes the details', async () => {
    const page = await open();
    const pressed = (selector: string) => page.getAttribute(selector, 'aria-pressed');

    await page.focus('[data-window="1"]');
    await page.keyboard.press('Enter');
    expect(await pressed('[data-window="1"]')).toBe('true');
    await page.focus('[data-window="15"]');
    await page.keyboard.press('Space');
    expect(await pressed('[data-window="15"]')).toBe('true');

    await page.focus('[data-action="pause"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="paused-note"]', { timeout: WAIT_MS });
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="paused-note"]', {
      state: 'detached',
      timeout: WAIT_MS,
    });

    await page.focus('[data-severity-filter="critical"]');
    await page.keyboard.press('Space');
    expect(await pressed('[data-severity-filter="critical"]')).toBe('true');
    await page.focus('[data-severity-filter="all"]');
    await page.keyboard.press('Enter');
    expect(await pressed('[data-severity-filter="all"]')).toBe('true');

    // The QA panel's details: open by default; Escape inside closes it, Enter and Space open it.
    await page.focus('[data-qa="scenario-run"]');
    await page.keyboard.press('Escape');
    expect(
      await page.evaluate(() => document.querySelector('.qa details')?.hasAttribute('open')),
    ).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(() => document.querySelector('.qa details')?.hasAttribute('open')),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Space');
    expect(
      await page.evaluate(() => document.querySelector('.qa details')?.hasAttribute('open')),
    ).toBe(true);
    expect(appErrors(log)).toEqual([]);
  });

  it('jumps to the newest critical toast with Alt+Shift+A and back, and after an ack', async () => {
    const page = await open();
    await raiseCritical(page);
    expect(
      await page.textContent('[data-toast-alert].toast--critical[data-visible="true"]'),
    ).toContain('Alt+Shift+A');
    await page.focus('[data-window="5"]');
    await page.keyboard.press('Alt+Shift+A');
    expect(await activeInCriticalToast(page)).toBe(true);
    // The newest critical toast: no visible critical toast has a later alert.
    const newest = await page.evaluate(() => {
      type Handle = { store: { getState(): { alerts: Map<string, { ts: number }> } } };
      const alerts = (
        window as unknown as { __PULSEBOARD__: Handle }
      ).__PULSEBOARD__.store.getState().alerts;
      const ts = (el: Element | null | undefined) =>
        alerts.get(el?.getAttribute('data-toast-alert') ?? '')?.ts ?? -1;
      const focusedTs = ts(document.activeElement?.closest('[data-toast-alert]'));
      const all = [
        ...document.querySelectorAll('[data-toast-alert].toast--critical[data-visible="true"]'),
      ].map(ts);
      return focusedTs === Math.max(...all);
    });
    expect(newest).toBe(true);
    await page.keyboard.press('Alt+Shift+A');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-window'))).toBe(
      '5',
    );

    // Acknowledge from the keyboard: the toast leaves and focus goes back, not to the page's top.
    await page.keyboard.press('Alt+Shift+A');
    const alertId = await page.evaluate(
      () =>
        document.activeElement?.closest('[data-toast-alert]')?.getAttribute('data-toast-alert') ??
        '',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-alert-id="${alertId}"][data-status="acknowledged"]`, {
      timeout: WAIT_MS,
    });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-window') === '5',
      undefined,
      { timeout: WAIT_MS },
    );
    expect(appErrors(log)).toEqual([]);
  });

  it('dismisses a focused non-critical toast with Escape, and only that one', async () => {
    const page = await open();
    // Warnings only: critical toasts stay until acknowledged and go first, so random severities
    // could leave no place for a non-critical one.
    await fireMockFault(page, { type: 'flood-alerts', count: 3, overMs: 0, severity: 'warning' });
    const dismiss = await page.waitForSelector(
      '[data-toast-alert]:not(.toast--critical)[data-visible="true"] [data-action="dismiss"]',
      { timeout: WAIT_MS },
    );
    const id = await dismiss.evaluate(
      (el) => el.closest('[data-toast-alert]')?.getAttribute('data-toast-alert') ?? '',
    );
    const before = await page.$$eval('.toast[data-visible="true"]', (els) => els.length);
    await dismiss.focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      (alertId) => !document.querySelector(`[data-toast-alert="${alertId}"][data-visible="true"]`),
      id,
      { timeout: WAIT_MS },
    );
    expect(await page.$$eval('.toast[data-visible="true"]', (els) => els.length)).toBe(before - 1);
    // Focus lands somewhere useful, not on the page's top.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('alerts-panel');
    expect(appErrors(log)).toEqual([]);
  });

  it('announces a burst of critical alerts once, as a count; toasts are not live regions', async () => {
    const page = await open();
    // Wait for whatever the feed raised first to be said, so the storm is a batch of its own.
    await page.waitForSelector('[data-alert-id]', { timeout: WAIT_MS });
    await fireMockFault(page, { type: 'flood-alerts', count: 30, overMs: 500 });
    await page.waitForFunction(
      () =>
        /^\d+ new critical alerts$/.test(
          document.querySelector('[data-testid="announce-critical"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: WAIT_MS },
    );
    const region = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="announce-critical"]');
      return { nodes: el?.children.length, live: el?.getAttribute('aria-live') };
    });
    expect(region).toEqual({ nodes: 1, live: 'assertive' });
    expect(
      await page.$$eval(
        '.toast[aria-live], .toast[role="alert"], .toast[role="status"]',
        (els) => els.length,
      ),
    ).toBe(0);
    expect(appErrors(log)).toEqual([]);
  });

  it('gives each chart a text alternative: name, latest value, trend and limits', async () => {
    const page = await open();
    const label = await page.getAttribute(
      '[data-metric="cargo_temperature"] .panel__chart[role="img"]',
      'aria-label',
    );
    expect(label).toMatch(/^Cargo temperature chart\. Latest -?[\d.]+ °C\. .+\. Limits: .+\.$/);
    expect(appErrors(log)).toEqual([]);
  });
});
