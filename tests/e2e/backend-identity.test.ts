import { describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
import { appErrors, scenarioSuite, waitForStatus, WAIT_MS } from './scenarios/harness';

/**
 * Which backend the built dashboard says it is watching (docs/security.md). The browser tests'
 * build has no VITE_API_BASE (a demo/test build); what a deployment build contains is checked on
 * its output by tests/build/deployment-build.test.ts.
 */
describe.skipIf(!hasChromium)('the backend in use, on screen', () => {
  const suite = scenarioSuite();

  it('shows the backend host of ?api= in a demo build, marked foreign, and keeps acks under its origin', async () => {
    const server = await suite.server('steady');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    const backend = page.locator('[data-testid="backend"]');
    expect(await backend.getAttribute('data-foreign')).toBe('true');
    expect(await backend.textContent()).toContain(
      `Not this page's own backend: 127.0.0.1:${server.port}`,
    );
    expect(await backend.isVisible()).toBe(true);

    const button = await page.waitForSelector('[data-alert-id][data-status="open"] button', {
      timeout: WAIT_MS,
    });
    const id = await button.evaluate((el) =>
      el.closest('[data-alert-id]')?.getAttribute('data-alert-id'),
    );
    await button.click();
    const key = `pulseboard:operator:${new URL(server.url).origin}`;
    await page.waitForFunction(
      ([storageKey, alertId]) => {
        const raw = localStorage.getItem(storageKey ?? '');
        const marks = raw ? (JSON.parse(raw) as { state: { acknowledged: object } }) : null;
        return Boolean(marks && alertId && alertId in marks.state.acknowledged);
      },
      [key, id],
      { timeout: WAIT_MS },
    );
    expect(appErrors(log)).toEqual([]);
  });

  it('names the in-page demo backend when no ?api= is given', async () => {
    const { page } = await suite.open(null);
    await waitForStatus(page, 'live');
    const backend = page.locator('[data-testid="backend"]');
    expect(await backend.getAttribute('data-foreign')).toBe('false');
    expect(await backend.textContent()).toContain('demo backend (in page)');
  });

  it('says on screen that an unusable ?api= was ignored', async () => {
    const { page } = await suite.open('javascript:alert(1)');
    await page.waitForSelector('[data-testid="backend-refused"]', { timeout: WAIT_MS });
    expect(await page.locator('[data-testid="backend-refused"]').textContent()).toContain(
      'Ignored ?api=javascript:alert(1): not an http(s) URL',
    );
    expect(await page.locator('[data-testid="backend"]').getAttribute('data-mode')).toBe('mock');
  });
});
