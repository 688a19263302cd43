import path from 'node:path';
import { mkdirSync } from 'node:fs';
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

/** The operator's flows in a real browser on the embedded mock backend. */
describe.skipIf(!hasChromium)('dashboard flows in the browser', () => {
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

  async function open(options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}) {
    context = await browser.newContext({
      colorScheme: options.colorScheme ?? 'light',
      locale: options.locale ?? 'en-US',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    log = recordConsole(page);
    await page.goto(`${site.url}/?timing=fast`);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: 15_000,
    });
    await page.waitForSelector('[data-metric="cargo_temperature"] path.recharts-line-curve', {
      timeout: 15_000,
    });
    return page;
  }

  const shot = async (page: Page, name: string) => {
    // Fold the QA panel (mock mode only) so the screenshot shows the operator's view.
    await page.evaluate(() => document.querySelector('.qa details')?.removeAttribute('open'));
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', `${name}.png`) });
  };

  it('acknowledges from the panel and shows the server confirming it', async () => {
    const page = await open();
    const row = page.locator('[data-alert-id][data-status="open"]').first();
    await row.waitFor({ timeout: 15_000 });
    const id = await row.getAttribute('data-alert-id');
    await row.getByRole('button', { name: /Acknowledge/ }).click();
    const confirmed = page.locator(`[data-alert-id="${id}"][data-status="acknowledged"]`);
    // The mock backend answers an ack with alert_update ... by: <the session's alias>; never
    // the session id itself, which every other dashboard would receive too.
    await page.waitForFunction(
      (alertId) =>
        document
          .querySelector(`[data-alert-id="${alertId}"]`)
          ?.textContent?.includes('by operator-') ?? false,
      id,
      { timeout: 10_000 },
    );
    expect(await confirmed.count()).toBe(1);
    expect(await page.locator(`[data-toast-alert="${id}"][data-visible="true"]`).count()).toBe(0);
    expect(consoleErrors(log)).toEqual([]);
  });

  it('survives an alert storm with a handful of toasts, a summary and text-only titles', async () => {
    const page = await open({ colorScheme: 'dark', locale: 'ko-KR' });
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    // A real burst through the wire: the mock backend's QA handle floods 40 alerts at once and
    // sends one with hostile markup in its title and message.
    await page.evaluate(() => {
      type Qa = { fire(command: object): string | null };
      const { qa } = (window as unknown as { __PULSEBOARD__: { qa: Qa } }).__PULSEBOARD__;
      qa.fire({ type: 'malformed', kind: 'html-text' });
      qa.fire({ type: 'flood-alerts', count: 40 });
    });
    await page.waitForSelector('[data-toast-summary]', { timeout: 5_000 });
    const toasts = await page.locator('[data-toast-alert][data-visible="true"]').count();
    // The toast limit (src/ui/environment.tsx): 41 alerts at once fill every place, no more.
    expect(toasts).toBe(4);
    expect(await page.locator('[data-toast-summary]').textContent()).toMatch(/알림 \d+건 더 있음/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-alert-id]').length >= 41,
      undefined,
      {
        timeout: 5_000,
      },
    );
    const injected = page.locator('[data-alert-id^="html_"] .alert__title');
    expect(await injected.textContent()).toBe(
      '<img src=x onerror="window.__pwned=1">Injected title',
    );
    expect(await page.locator('.alerts img, .toaster img').count()).toBe(0);
    await shot(page, 'storm-dark-ko');
    expect(dialogs).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(consoleErrors(log)).toEqual([]);
  });

  it('dims the panels and says why when the device goes offline, and recovers', async () => {
    const page = await open();
    await context!.setOffline(true);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="offline"]', {
      timeout: 10_000,
    });
    expect(await page.getByTestId('connection-badge').textContent()).toContain('no network');
    await page.waitForSelector('[data-metric="cargo_temperature"][data-stale="connection"]', {
      timeout: 5_000,
    });
    expect(await page.getByRole('button', { name: 'Reconnect now' }).count()).toBe(1);
    await shot(page, 'offline-light-en');
    await context!.setOffline(false);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: 15_000,
    });
    await page.waitForSelector('[data-metric="cargo_temperature"]:not([data-stale])', {
      timeout: 5_000,
    });
  });

  it('dims a panel whose series stops while the connection stays live', async () => {
    const page = await open({ colorScheme: 'dark' });
    await page.evaluate(() => {
      type Qa = { fire(command: object): string | null };
      const { qa } = (window as unknown as { __PULSEBOARD__: { qa: Qa } }).__PULSEBOARD__;
      qa.fire({ type: 'pause-feed', on: true });
    });
    await page.waitForSelector('[data-metric="cargo_temperature"][data-stale="data"]', {
      timeout: 5_000,
    });
    expect(await page.getByTestId('connection-badge').getAttribute('data-status')).toBe('live');
    expect(
      await page.locator('[data-metric="cargo_temperature"] .panel__stale').textContent(),
    ).toMatch(/^No new data since \d\d:\d\d:\d\d$/);
    await shot(page, 'stale-dark-en');
    await page.evaluate(() => {
      type Qa = { fire(command: object): string | null };
      const { qa } = (window as unknown as { __PULSEBOARD__: { qa: Qa } }).__PULSEBOARD__;
      qa.fire({ type: 'pause-feed', on: false });
    });
    await page.waitForSelector('[data-metric="cargo_temperature"]:not([data-stale])', {
      timeout: 5_000,
    });
  });

  it('shows why it stopped when the server refuses the operator (4401)', async () => {
    const page = await open({ locale: 'ko-KR' });
    await page.evaluate(() => {
      type Qa = { fire(command: object): string | null };
      const { qa } = (window as unknown as { __PULSEBOARD__: { qa: Qa } }).__PULSEBOARD__;
      qa.fire({ type: 'close', code: 4401, reason: 'token revoked' });
    });
    await page.waitForSelector('[data-testid="connection-badge"][data-status="offline"]', {
      timeout: 5_000,
    });
    expect(await page.getByTestId('connection-badge').textContent()).toContain('권한 없음');
    await shot(page, 'unauthorized-light-ko');
  });

  it('freezes the charts on pause while the store keeps ingesting, and catches up on resume', async () => {
    const page = await open();
    const line = () =>
      page.evaluate(
        () =>
          document
            .querySelector('[data-metric="cargo_temperature"] path.recharts-line-curve')
            ?.getAttribute('d') ?? '',
      );
    const commits = () =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              __PULSEBOARD__: { store: { getState(): { commits: number } } };
            }
          ).__PULSEBOARD__.store.getState().commits,
      );
    await page.locator('button[data-action="pause"]').click();
    const frozen = await line();
    const before = await commits();
    // Real data keeps arriving: wait for plenty of store commits, then look again.
    await page.waitForFunction(
      (count) =>
        (
          window as unknown as {
            __PULSEBOARD__: { store: { getState(): { commits: number } } };
          }
        ).__PULSEBOARD__.store.getState().commits >
        count + 4,
      before,
      { timeout: 10_000 },
    );
    expect(await line()).toBe(frozen);
    expect(await commits()).toBeGreaterThan(before);
    await shot(page, 'paused-light-en');
    await page.locator('button[data-action="pause"]').click();
    await page.waitForFunction(
      (old) =>
        document
          .querySelector('[data-metric="cargo_temperature"] path.recharts-line-curve')
          ?.getAttribute('d') !== old,
      frozen,
      { timeout: 2_000 },
    );
  });
});
