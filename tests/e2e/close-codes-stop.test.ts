import { describe, it, vi } from 'vitest';
import { hasChromium } from './chromium';
import { appErrors, connection, waitForStatus } from './scenarios/harness';
import {
  badgeText,
  closeCodeSuite,
  ENGINES,
  FAST,
  LATENCY,
  NO_RETRY_MS,
  retrying,
  waitUntil,
} from './scenarios/close-rows';
import { fireFault } from './scenarios/line-watch';

/**
 * The close-code table in headless Chromium against the reference server, for both engines:
 * the codes after which the client stops, and the close the application asks for itself. Each
 * stop is followed by a window longer than any fast-timing backoff in which the server must
 * see no new connection.
 */

vi.setConfig({ maxConcurrency: 3 });

const PROTOCOL_ERRORS = [1002, 1003, 1007, 1009, 1010];
/** The server's reason holds markup: it must be shown as text. */
const HOSTILE = '<b>maintenance</b> until 06:00';
const STOPS = [
  { code: 4401, words: 'not authorised', shown: 'not authorised', reason: 'token revoked' },
  { code: 4500, words: 'application error', shown: 'stopped by the server', reason: HOSTILE },
  { code: 4999, words: 'application error', shown: 'stopped by the server', reason: 'gone' },
];

describe.skipIf(!hasChromium)('the close-code table in the browser: stopping', () => {
  const suite = closeCodeSuite();
  const { live } = suite;

  for (const engine of ENGINES) {
    describe.concurrent(`${engine} engine`, () => {
      for (const code of PROTOCOL_ERRORS) {
        it(`${code} (protocol or data error): reconnects once; a second before a healthy period stops it for good`, async (ctx) => {
          const { expect } = ctx;
          const { page, log, server, lines, welcomed, grown, before, sinceLive } = await live(
            engine,
            ctx,
          );
          await fireFault(server.url, LATENCY);
          await fireFault(server.url, { type: 'close', code, reason: 'bad frame' });
          const back = await lines.welcome(welcomed + 1);
          // The moment the new line is welcomed: far inside its healthy period (resetAfterMs).
          const firedAt = await fireFault(server.url, { type: 'close', code, reason: 'again' });
          expect(firedAt - back).toBeLessThan(FAST.resetAfterMs);
          await waitForStatus(page, 'offline');
          const stopped = await connection(page);
          expect(stopped.state).toBe('stopped');
          expect(stopped.stopReason).toBe('protocol_error');
          expect(stopped.lastClose).toEqual({
            code,
            reason: 'again',
            description: 'protocol or data error',
          });
          await lines.noneAfter(lines.accepted.length, NO_RETRY_MS);
          // Between live and offline only the retry may show (a starved page may skip it).
          const texts = (await sinceLive()).badge;
          const [, retry] = retrying(before.attempt + 2);
          expect(texts[0]).toBe('Live');
          expect(texts.slice(1, -1).filter((t) => t !== retry && t !== 'Live')).toEqual([]);
          expect(texts.at(-1)).toBe('Offline protocol error (again)');
          expect(await badgeText(page)).toBe('Offline protocol error (again)');
          expect(await grown()).toEqual({
            connections: 0,
            accepted: 1,
            sessions: 0,
            hellosRejected: 0,
          });
          expect(appErrors(log)).toEqual([]);
        });
      }

      for (const row of STOPS) {
        it(`${row.code} (${row.words}): offline at once with the server's reason as text, no retry`, async (ctx) => {
          const { expect } = ctx;
          const { page, log, server, lines, grown, sinceLive } = await live(engine, ctx);
          await fireFault(server.url, { type: 'close', code: row.code, reason: row.reason });
          await waitForStatus(page, 'offline');
          const stopped = await connection(page);
          expect(stopped.state).toBe('stopped');
          expect(stopped.stopReason).toBe(row.code === 4401 ? 'unauthorized' : 'application_error');
          expect(stopped.lastClose).toEqual({
            code: row.code,
            reason: row.reason,
            description: row.words,
          });
          await lines.noneAfter(lines.accepted.length, NO_RETRY_MS);
          expect(await badgeText(page)).toBe(`Offline ${row.shown} (${row.reason})`);
          expect(await page.locator('[data-testid="connection-badge"] b').count()).toBe(0);
          const texts = await sinceLive();
          expect(texts.badge).toEqual(['Live', `Offline ${row.shown} (${row.reason})`]);
          expect(texts.history).toEqual(['live', 'offline']);
          expect(await grown()).toEqual({
            connections: 0,
            accepted: 0,
            sessions: 0,
            hellosRejected: 0,
          });
          expect(appErrors(log)).toEqual([]);
        });
      }

      it('1008 four times without a welcome: three renewals, then offline and no retry', async (ctx) => {
        const { expect } = ctx;
        const { page, log, server, lines, grown } = await live(engine, ctx);
        // The live line closes with 1008, then every renewed session's hello is refused with 1008.
        await fireFault(server.url, { type: 'reject-sessions', on: true });
        await waitForStatus(page, 'offline');
        const stopped = await connection(page);
        expect(stopped.state).toBe('stopped');
        expect(stopped.stopReason).toBe('session_unrenewable');
        expect(stopped.lastClose).toEqual({
          code: 1008,
          reason: 'session invalid',
          description: 'session invalid or expired',
        });
        await lines.noneAfter(lines.accepted.length, NO_RETRY_MS);
        expect(await badgeText(page)).toBe(
          'Offline session could not be renewed (session invalid)',
        );
        expect(await grown()).toEqual({
          connections: 0,
          accepted: 3,
          sessions: 3,
          hellosRejected: 3,
        });
        expect(appErrors(log)).toEqual([]);
      });

      it('our own close (the page is left): the line ends and nothing reconnects', async (ctx) => {
        const { expect } = ctx;
        const { page, lines, grown } = await live(engine, ctx);
        // The dashboard offers no "disconnect": leaving the page is the application's own close.
        await page.goto(`${suite.siteUrl}/favicon.svg`);
        await waitUntil(async () => (await grown()).connections === 0);
        await lines.noneAfter(lines.accepted.length, NO_RETRY_MS);
        expect(await grown()).toEqual({
          connections: 0,
          accepted: 0,
          sessions: 0,
          hellosRejected: 0,
        });
      });
    });
  }
});
