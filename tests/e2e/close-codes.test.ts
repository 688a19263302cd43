import { describe, it, vi } from 'vitest';
import { DEFAULT_BACKOFF } from '../../src/realtime/backoff';
import { hasChromium } from './chromium';
import { appErrors, connection, waitForStatus, WAIT_MS } from './scenarios/harness';
import {
  badgeText,
  closeCodeSuite,
  ENGINES,
  expectCountdown,
  expectDrawn,
  FAST,
  LATENCY,
  retrying,
} from './scenarios/close-rows';
import { fireFault } from './scenarios/line-watch';

/**
 * The close-code table (docs/connection.md, src/realtime/close-codes.ts) in headless Chromium
 * against the reference server, for the worker engine and the page engine: the codes after
 * which the client comes back. What the badge says, what the store keeps of the close, and what
 * the server saw (connections, sessions, hellos, and when). The codes after which it stops are
 * in close-codes-stop.test.ts.
 */

// Each row waits on a browser and a server; a few side by side keep a busy machine responsive.
vi.setConfig({ maxConcurrency: 3 });

const RECONNECT = [
  { code: 1000, words: 'closed normally', reason: 'bye for now' },
  { code: 1001, words: 'server going away', reason: 'shutting down' },
  { code: 1011, words: 'server error', reason: 'oops' },
  { code: 1012, words: 'service restarting', reason: 'deploy' },
  { code: 3000, words: 'closed (3000)', reason: 'registered elsewhere' },
  { code: 4000, words: 'no heartbeat from the server', reason: 'lowest app code' },
  { code: 4499, words: 'application close', reason: 'highest retryable app code' },
];
const FLOORS = [
  { code: 1013, words: 'server busy, try again later', reason: 'busy', floorMs: 5_000 },
  { code: 4429, words: 'rate limited', reason: 'slow down', floorMs: 10_000 },
];

describe.skipIf(!hasChromium)('the close-code table in the browser: reconnecting', () => {
  const { live, settled } = closeCodeSuite();

  for (const engine of ENGINES) {
    describe.concurrent(`${engine} engine`, () => {
      for (const row of [...RECONNECT, { code: 1006, words: 'connection lost', reason: '' }]) {
        it(`${row.code} (${row.words}): connecting with the attempt shown, then live on one new connection`, async (ctx) => {
          const { expect } = ctx;
          const { page, log, server, lines, welcomed, grown, before, sinceLive } = await live(
            engine,
            ctx,
          );
          await fireFault(server.url, LATENCY);
          // 1006 cannot be sent: the network dies under the line instead (no close frame).
          await fireFault(
            server.url,
            row.code === 1006
              ? { type: 'drop' }
              : { type: 'close', code: row.code, reason: row.reason },
          );
          await lines.welcome(welcomed + 1);
          await settled(page, row.code, 'live');
          const after = await connection(page);
          expect(after.lastClose).toEqual({
            code: row.code,
            reason: row.reason,
            description: row.words,
          });
          expect(after.sessionId, 'the session outlives the line').toBe(before.sessionId);
          expect(after.attempt, 'one more failed attempt until the line proves healthy').toBe(
            before.attempt + 1,
          );
          const texts = await sinceLive();
          // A page starved of CPU may commit the short retry and the new welcome in one frame;
          // the floor rows, whose wait lasts seconds, always show the attempt.
          expect([retrying(before.attempt + 2), ['Live']]).toContainEqual(texts.badge);
          // The first retry draws from the fast timing's base range, not from a floor.
          for (const ms of texts.drawn) expect(ms).toBeLessThanOrEqual(FAST.baseMs);
          expect([['live', 'connecting', 'live'], ['live']]).toContainEqual(texts.history);
          expect(await grown()).toEqual({
            connections: 1,
            accepted: 1,
            sessions: 0,
            hellosRejected: 0,
          });
          expect(appErrors(log)).toEqual([]);
        });
      }

      for (const row of FLOORS) {
        it(`${row.code} (${row.words}): the next connection comes no sooner than ${row.floorMs / 1000} s, counted down`, async (ctx) => {
          const { expect } = ctx;
          const { page, log, server, lines, grown, before, sinceLive } = await live(engine, ctx);
          const accepted = lines.accepted.length;
          const firedAt = await fireFault(server.url, {
            type: 'close',
            code: row.code,
            reason: row.reason,
          });
          const back = await lines.accept(accepted + 1, row.floorMs + FAST.capMs + WAIT_MS);
          // The floor holds even on the fast timing; the jitter sits above it, never below.
          expect(back - firedAt).toBeGreaterThanOrEqual(row.floorMs);
          await settled(page, row.code, 'live');
          const after = await connection(page);
          expect(after.lastClose).toEqual({
            code: row.code,
            reason: row.reason,
            description: row.words,
          });
          const texts = await sinceLive();
          expect(texts.badge).toEqual(retrying(before.attempt + 2));
          expect(texts.history).toEqual(['live', 'connecting', 'live']);
          expectDrawn(expect, texts.drawn, row.floorMs, FAST.baseMs);
          expectCountdown(expect, texts.meta, row.floorMs + FAST.baseMs);
          expect(await grown()).toEqual({
            connections: 1,
            accepted: 1,
            sessions: 0,
            hellosRejected: 0,
          });
          expect(appErrors(log)).toEqual([]);
        });
      }

      it('1008 (session invalid): a new session and a new line at once, no backoff', async (ctx) => {
        const { expect } = ctx;
        const { page, log, server, lines, welcomed, grown, before, sinceLive } = await live(
          engine,
          ctx,
        );
        await fireFault(server.url, { ...LATENCY, ms: LATENCY.ms / 2 });
        await fireFault(server.url, { type: 'close', code: 1008, reason: 'session expired' });
        await lines.welcome(welcomed + 1);
        await settled(page, 1008, 'live');
        const after = await connection(page);
        expect(after.lastClose).toEqual({
          code: 1008,
          reason: 'session expired',
          description: 'session invalid or expired',
        });
        expect(after.sessionId).not.toBeNull();
        expect(after.sessionId, 'a renewed session').not.toBe(before.sessionId);
        // A backoff would have counted a failed attempt; a renewal goes straight back.
        expect(after.attempt).toBe(before.attempt);
        const texts = await sinceLive();
        const connecting =
          before.attempt > 0 ? `Connecting attempt ${before.attempt + 1}` : 'Connecting';
        expect(texts.drawn).toEqual([]);
        // Renewing and connecting are short (one HTTP round trip, one welcome): a busy page may
        // draw either or neither, but never an attempt number of its own.
        expect([
          ['Live', 'Connecting renewing session', connecting, 'Live'],
          ['Live', 'Connecting renewing session', 'Live'],
          ['Live', connecting, 'Live'],
          ['Live'],
        ]).toContainEqual(texts.badge);
        expect(await grown()).toEqual({
          connections: 1,
          accepted: 1,
          sessions: 1,
          hellosRejected: 0,
        });
        expect(appErrors(log)).toEqual([]);
      });
    });
  }

  it('default timings end to end (worker engine): 1013 waits 5-7 s, then 1002 twice stops it', async (ctx) => {
    const { expect } = ctx;
    const { page, log, server, lines, welcomed, grown, before, sinceLive } = await live(
      'worker',
      ctx,
      'default',
    );
    const accepted = lines.accepted.length;
    const firedAt = await fireFault(server.url, { type: 'close', code: 1013, reason: 'busy' });
    const back = await lines.accept(accepted + 1, 5_000 + DEFAULT_BACKOFF.baseMs + WAIT_MS);
    expect(back - firedAt).toBeGreaterThanOrEqual(5_000);
    await settled(page, 1013, 'live');
    const texts = await sinceLive();
    expect(texts.badge).toEqual(retrying(before.attempt + 2));
    expectDrawn(expect, texts.drawn, 5_000, DEFAULT_BACKOFF.baseMs);
    expectCountdown(expect, texts.meta, 5_000 + DEFAULT_BACKOFF.baseMs);
    await fireFault(server.url, { type: 'close', code: 1002, reason: 'bad frame' });
    await lines.welcome(welcomed + 2, DEFAULT_BACKOFF.baseMs + WAIT_MS);
    await settled(page, 1002, 'live');
    await fireFault(server.url, { type: 'close', code: 1002, reason: 'again' });
    await waitForStatus(page, 'offline');
    expect((await connection(page)).stopReason).toBe('protocol_error');
    // The retry it did not make would have been its third: drawn from 0.1-2 s.
    await lines.noneAfter(lines.accepted.length, DEFAULT_BACKOFF.baseMs + 1_000);
    expect(await badgeText(page)).toBe('Offline protocol error (again)');
    expect(await grown()).toEqual({ connections: 0, accepted: 2, sessions: 0, hellosRejected: 0 });
    expect(appErrors(log)).toEqual([]);
  });
});
