import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  hasChromium,
  launchChromium,
  recordConsole,
  saveArtifacts,
} from './chromium';
import { audit, contrastRatio, describeFindings, settle, type Finding } from './axe';
import { servePreview } from './preview';
import { appErrors, fireMockFault, WAIT_MS } from './scenarios/harness';

/**
 * Accessibility as a gate (issue #17): axe-core over the production build in every state an
 * operator meets (live, alert storm, paused, stale panels, offline without network, reconnecting,
 * HTTP fallback, offline with the server's reason; the QA panel open throughout, the line of
 * problems with incoming data open from the storm on), each in light
 * and dark. One walk in English on a desktop window, one in Korean on a phone-width window with
 * reduced motion. Any violation fails with its state, rule, impact and element. axe does not
 * judge SVG strokes, so chart and limit lines are measured here against WCAG's 3:1.
 */

type Walk = {
  name: string;
  locale: string;
  viewport: { width: number; height: number };
  reducedMotion: 'reduce' | 'no-preference';
};

const WALKS: Walk[] = [
  {
    name: 'en-desktop',
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'no-preference',
  },
  {
    name: 'ko-narrow',
    locale: 'ko-KR',
    viewport: { width: 390, height: 844 },
    reducedMotion: 'reduce',
  },
];

const SCHEMES = ['light', 'dark'] as const;
const METRICS = ['cargo_temperature', 'active_vehicles', 'pending_orders', 'on_time_rate'];

/** The smallest contrast of every drawn chart line and limit line against its panel. */
function chartLineContrast(page: Page) {
  return page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    // What the eye gets: the stroke through the panel's grayscale filter and opacity, over the
    // panel's background.
    const seen = (stroke: Element, panel: HTMLElement) => {
      let [r = 0, g = 0, b = 0] = rgb(getComputedStyle(stroke).stroke);
      let opacity = 1;
      let grey = false;
      for (
        let el: Element | null = stroke;
        el && el !== panel.parentElement;
        el = el.parentElement
      ) {
        const style = getComputedStyle(el);
        opacity *= Number(style.opacity);
        if (/grayscale\(1\)/.test(style.filter)) grey = true;
      }
      if (grey) r = g = b = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      const [br = 0, bg = 0, bb = 0] = rgb(getComputedStyle(panel).backgroundColor);
      const mix = (v: number, w: number) => Math.round(v * opacity + w * (1 - opacity));
      return {
        stroke: `rgb(${mix(r, br)}, ${mix(g, bg)}, ${mix(b, bb)})`,
        background: `rgb(${br}, ${bg}, ${bb})`,
      };
    };
    return [...document.querySelectorAll<HTMLElement>('[data-metric]')].flatMap((panel) =>
      [...panel.querySelectorAll('path.recharts-line-curve, .recharts-reference-line-line')].map(
        (line) => ({
          metric: panel.dataset.metric ?? '',
          line: line.getAttribute('class') ?? '',
          ...seen(line, panel),
        }),
      ),
    );
  });
}

describe.skipIf(!hasChromium)('accessibility audit (axe-core, every operator state)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof servePreview>>;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let log: string[] = [];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
    mkdirSync(path.join(ARTIFACTS_DIR, 'a11y'), { recursive: true });
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

  for (const walk of WALKS) {
    it(`finds no violation in any state (${walk.name}, light and dark)`, async () => {
      context = await browser.newContext({
        locale: walk.locale,
        viewport: walk.viewport,
        reducedMotion: walk.reducedMotion,
        colorScheme: 'light',
      });
      page = await context.newPage();
      const p = page;
      log = recordConsole(p);
      const findings: Finding[] = [];
      const weakLines: string[] = [];

      /** Audits the state in both themes; a screenshot of each for a person to look at. */
      const check = async (state: string) => {
        for (const scheme of SCHEMES) {
          await p.emulateMedia({ colorScheme: scheme });
          // Every rule once per state; the other theme changes only colours.
          const rules = scheme === SCHEMES[0] ? null : ['color-contrast'];
          findings.push(...(await audit(p, `${walk.name} ${state} ${scheme}`, rules)));
          for (const line of await chartLineContrast(p)) {
            const ratio = contrastRatio(line.stroke, line.background);
            if (ratio < 3)
              weakLines.push(
                `[${state} ${scheme}] ${line.metric} ${line.line}: ${ratio.toFixed(2)}:1 (${line.stroke} on ${line.background})`,
              );
          }
          await p.screenshot({
            path: path.join(ARTIFACTS_DIR, 'a11y', `${walk.name}-${state}-${scheme}.png`),
          });
        }
      };
      const badge = (status: string) =>
        p.waitForSelector(`[data-testid="connection-badge"][data-status="${status}"]`, {
          timeout: WAIT_MS,
        });

      await p.goto(`${site.url}/?timing=fast`);
      await badge('live');
      for (const name of METRICS) {
        await p.locator(`[data-metric="${name}"]`).scrollIntoViewIfNeeded();
        await p.waitForSelector(`[data-metric="${name}"] path.recharts-line-curve`, {
          timeout: WAIT_MS,
        });
      }
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.waitForSelector('[data-alert-id]', { timeout: WAIT_MS });
      await check('live');

      // Bad input from the backend: the data-problems line shows, opened, from here on.
      await fireMockFault(p, { type: 'malformed', kind: 'invalid-json' });
      await p.click('[data-testid="data-problems"] summary');

      // A storm: more alerts than toast places, so the summary toast shows too.
      await fireMockFault(p, { type: 'flood-alerts', count: 40, overMs: 0 });
      await p.waitForSelector('[data-toast-summary]', { timeout: WAIT_MS });
      await p.waitForFunction(
        () => document.querySelectorAll('[data-alert-id^="flood_"]').length >= 40,
        undefined,
        { timeout: WAIT_MS },
      );
      await check('storm');

      await p.click('[data-action="pause"]');
      await p.waitForSelector('[data-testid="paused-note"]', { timeout: WAIT_MS });
      await check('paused');
      await p.click('[data-action="pause"]');

      await fireMockFault(p, { type: 'pause-feed', on: true });
      await p.waitForSelector('[data-metric][data-stale="data"]', { timeout: WAIT_MS });
      await check('stale');
      await fireMockFault(p, { type: 'pause-feed', on: false });

      await context.setOffline(true);
      await badge('offline');
      await check('offline-no-network');
      await context.setOffline(false);
      await badge('live');

      // Rate limited: the client waits at least 10 s before its next try, counting down.
      await fireMockFault(p, { type: 'close', code: 4429, reason: 'rate limited' });
      await badge('connecting');
      await check('reconnecting');

      await fireMockFault(p, { type: 'block-websocket', on: true });
      await p.click('[data-testid="reconnect-now"]');
      await badge('fallback');
      await check('fallback');
      await fireMockFault(p, { type: 'block-websocket', on: false });
      await badge('live');

      await fireMockFault(p, { type: 'close', code: 4401, reason: 'token revoked' });
      await badge('offline');
      await settle(p);
      await check('offline-with-reason');

      expect.soft(describeFindings(findings), 'axe violations').toBe('');
      expect.soft(weakLines, 'chart or limit lines under 3:1').toEqual([]);
      expect(appErrors(log)).toEqual([]);
    }, 180_000);
  }
});
