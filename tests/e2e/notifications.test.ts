import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/realtime';
import { ARTIFACTS_DIR, hasChromium } from './chromium';
import { appErrors, scenarioSuite, waitForStatus, WAIT_MS } from './scenarios/harness';

/**
 * System notifications in the built dashboard, with `Notification` and the page's focus stubbed
 * by an init script (headless Chromium shows none, and a test cannot hide its own tab): asked
 * for only from the preferences, one notice per alert while the operator is away, none for a
 * replay after a reload, the tab title's count, and a click landing on the alert's row.
 */
type Stubbed = {
  __notices: { title: string; tag: string; body: string; onclick: (() => void) | null }[];
  __asked: number;
  __attended: boolean;
};

async function stubNotifications(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Stubbed & { Notification: unknown };
    w.__notices = [];
    w.__asked = 0;
    // Kept across a reload, so the replayed snapshot meets an operator who is still away.
    w.__attended = sessionStorage.getItem('stub-away') !== 'true';
    const granted = sessionStorage.getItem('stub-permission') === 'granted';
    class StubNotification {
      static permission: NotificationPermission = granted ? 'granted' : 'default';
      static requestPermission() {
        w.__asked++;
        StubNotification.permission = 'granted';
        sessionStorage.setItem('stub-permission', 'granted');
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      title: string;
      tag: string;
      body: string;
      constructor(title: string, options: NotificationOptions) {
        this.title = title;
        this.tag = options.tag ?? '';
        this.body = options.body ?? '';
        w.__notices.push(this);
      }
      close() {}
    }
    w.Notification = StubNotification;
    document.hasFocus = () => w.__attended;
  });
}

const critical = (id: string): Alert => ({
  id,
  severity: 'critical',
  title: `Reefer ${id} above 8 °C`,
  message: 'Cargo temperature 9.4 °C for 5 minutes.',
  ts: Date.now(),
  status: 'open',
});

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core over the open preferences and the quiet note only (accessibility.test.ts audits the page). */
async function auditPreferences(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    type Node = { target: unknown[]; failureSummary?: string };
    type Axe = {
      run(
        context: object,
        options: object,
      ): Promise<{ violations: { id: string; nodes: Node[] }[] }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const include = ['[data-testid="preferences"]', '[data-testid="quiet-period"]'].map((s) => [s]);
    const { violations } = await axe.run({ include }, { resultTypes: ['violations'] });
    return violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    );
  });
}

async function goAway(page: Page) {
  await page.evaluate(() => {
    sessionStorage.setItem('stub-away', 'true');
    (window as unknown as Stubbed).__attended = false;
  });
}

const notices = (page: Page) =>
  page.evaluate(() => (window as unknown as Stubbed).__notices.map((n) => n.tag));

describe.skipIf(!hasChromium)('system notifications (stubbed Notification)', () => {
  const suite = scenarioSuite();

  it('asks for permission only from the preferences; the panel and the quiet note pass axe in both themes', async () => {
    // No random alerts: the test raises the ones it means.
    const server = await suite.server('steady', {
      firstAlertMs: 3_600_000,
      alertEveryMs: 3_600_000,
    });
    const { page, log } = await suite.open(server.url, '', stubNotifications);
    await waitForStatus(page, 'live');
    expect(await page.evaluate(() => (window as unknown as Stubbed).__asked)).toBe(0);

    await page.click('[data-action="preferences"]');
    await page.click('[data-action="allow-notifications"]', { timeout: WAIT_MS });
    await page.waitForSelector('[data-permission="granted"]', { timeout: WAIT_MS });
    await page.check('[data-pref="system"]');
    expect(await page.evaluate(() => (window as unknown as Stubbed).__asked)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as Stubbed).__notices.length)).toBe(0);
    // A quiet period shows in the toolbar with its end time (critical alerts still toast).
    await page.click('[data-quiet="15"]');
    await page.waitForSelector('[data-testid="quiet-period"]', { timeout: WAIT_MS });
    mkdirSync(path.join(ARTIFACTS_DIR, 'look'), { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'preferences.png') });
    const findings = await auditPreferences(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'look', 'preferences-dark.png') });
    findings.push(...(await auditPreferences(page)));
    expect(findings).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="preferences"]:not([open])', { timeout: WAIT_MS });
    expect(appErrors(log)).toEqual([]);
  });

  it('notifies once while the operator is away, counts in the title, a click lands on the row, a reload replays none', async () => {
    const server = await suite.server('steady', {
      firstAlertMs: 3_600_000,
      alertEveryMs: 3_600_000,
    });
    // Permission granted and notifications on before the page loads, as a returning operator.
    const key = `pulseboard:prefs:${new URL(server.url).origin}`;
    const { page, log } = await suite.open(server.url, '', async (p) => {
      await p.addInitScript((prefsKey) => {
        sessionStorage.setItem('stub-permission', 'granted');
        if (!localStorage.getItem(prefsKey))
          localStorage.setItem(
            prefsKey,
            JSON.stringify({ state: { notify: { system: true } }, version: 3 }),
          );
      }, key);
      await stubNotifications(p);
    });
    await waitForStatus(page, 'live');

    // Looking at the page: listed and counted, no notification.
    server.backend.raiseAlert(critical('seen-1'));
    await page.waitForSelector('[data-alert-id="seen-1"]', { timeout: WAIT_MS });
    expect(await notices(page)).toEqual([]);
    await page.waitForFunction(() => document.title === '(1) Pulseboard', null, {
      timeout: WAIT_MS,
    });

    // Away: one notification, even when the server sends the alert again.
    await goAway(page);
    server.backend.raiseAlert(critical('away-1'));
    server.backend.raiseAlert(critical('away-1'));
    await page.waitForFunction(() => (window as unknown as Stubbed).__notices.length > 0, null, {
      timeout: WAIT_MS,
    });
    await page.waitForSelector('[data-alert-id="away-1"]', { timeout: WAIT_MS });
    expect(await notices(page)).toEqual(['pulseboard-alert:away-1']);
    await page.waitForFunction(() => document.title === '(2) Pulseboard', null, {
      timeout: WAIT_MS,
    });

    await page.evaluate(() => (window as unknown as Stubbed).__notices[0]?.onclick?.());
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-alert-id') === 'away-1',
      null,
      { timeout: WAIT_MS },
    );

    // A reload replays both alerts in the snapshot: no second notification for either.
    await page.reload();
    await waitForStatus(page, 'live');
    await page.waitForSelector('[data-alert-id="away-1"]', { timeout: WAIT_MS });
    // The count in the title shows the notifier (loaded after the first paint) has seen both.
    await page.waitForFunction(() => document.title === '(2) Pulseboard', null, {
      timeout: WAIT_MS,
    });
    expect(await notices(page)).toEqual([]);
    expect(appErrors(log)).toEqual([]);
  });
});
