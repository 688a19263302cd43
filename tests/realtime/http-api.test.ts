import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock, type FetchLike } from '../../src/realtime';
import { HttpApi } from '../../src/realtime/http-api';
import { MAX_HTTP_BODY_BYTES, MAX_SNAPSHOT_BYTES } from '../../src/realtime/limits';

const CHUNK = 64 * 1024;

/**
 * A 64 MiB body, made as it is read, counting what was pulled from it and whether it was
 * cancelled. Huge rather than endless, so a client that reads it all fails this test instead of
 * hanging it.
 */
function hugeBody(totalBytes = 64 * 1024 * 1024) {
  const seen = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.bytes >= totalBytes) return controller.close();
        seen.bytes += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    // Nothing is pulled ahead of the reader: `seen.bytes` is what the client asked for.
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const api = (fetch: FetchLike, timeoutMs = 10_000) =>
  new HttpApi(fetch, 'http://127.0.0.1:9', systemClock, timeoutMs);

const never = new AbortController().signal;

describe('HTTP API: body caps', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads an HTTP body no further than the cap', async () => {
    const { stream, seen } = hugeBody();
    const result = await api(async () => new Response(stream, { status: 200 })).poll(
      's_1',
      0,
      0,
      never,
    );
    expect(result).toMatchObject({ ok: false, failure: 'oversized', status: 200 });
    expect(seen.bytes).toBeGreaterThan(MAX_HTTP_BODY_BYTES);
    expect(seen.bytes).toBeLessThanOrEqual(MAX_HTTP_BODY_BYTES + CHUNK);
    expect(seen.cancelled).toBe(true);
  });

  it('drops the whole request, not only its reader, once a body is over the cap', async () => {
    const { stream } = hugeBody();
    let signal: AbortSignal | null | undefined;
    const result = await api(async (_url, init) => {
      signal = init?.signal;
      return new Response(stream, { status: 200 });
    }).snapshot('s_1', never);
    expect(result).toMatchObject({ ok: false, failure: 'oversized' });
    expect(signal?.aborted).toBe(true);
  });

  it('refuses a body whose declared length is over the cap without reading it', async () => {
    const { stream, seen } = hugeBody();
    const headers = { 'content-length': String(MAX_HTTP_BODY_BYTES + 1) };
    const result = await api(
      async () => new Response(stream, { status: 200, headers }),
    ).startSession(never);
    expect(result).toMatchObject({ ok: false, failure: 'oversized' });
    expect(seen.bytes).toBe(0);
  });

  it('checks the declared length before falling back to text() when there is no body stream', async () => {
    const text = vi.fn(async () => '{}');
    const response = {
      ok: true,
      status: 200,
      headers: new Headers({ 'content-length': String(50 * MAX_HTTP_BODY_BYTES) }),
      body: null,
      text,
    } as unknown as Response;
    const result = await api(async () => response).poll('s_1', 0, 0, never);
    expect(result).toMatchObject({ ok: false, failure: 'oversized' });
    expect(text).not.toHaveBeenCalled();
  });

  it('reads a body with no stream and no declared length, then checks its size', async () => {
    const huge = JSON.stringify({ epoch: 'e', messages: [], pad: 'x'.repeat(MAX_HTTP_BODY_BYTES) });
    const response = {
      ok: true,
      status: 200,
      headers: new Headers(),
      body: null,
      text: async () => huge,
    } as unknown as Response;
    const result = await api(async () => response).poll('s_1', 0, 0, never);
    expect(result).toMatchObject({ ok: false, failure: 'oversized' });
  });

  it('allows a snapshot its larger cap', async () => {
    const samples = Array.from({ length: 40_000 }, (_, i) => ({ name: 'temp', ts: i, value: i }));
    const body = JSON.stringify({ epoch: 'e', seq: 1, samples, alerts: [] });
    expect(body.length).toBeGreaterThan(MAX_HTTP_BODY_BYTES);
    expect(body.length).toBeLessThan(MAX_SNAPSHOT_BYTES);
    const result = await api(async () => new Response(body, { status: 200 })).snapshot(
      's_1',
      never,
    );
    expect(result.ok && result.value.samples).toHaveLength(40_000);
  });

  it('refuses a snapshot over its own cap', async () => {
    const { stream, seen } = hugeBody();
    const result = await api(async () => new Response(stream, { status: 200 })).snapshot(
      's_1',
      never,
    );
    expect(result).toMatchObject({ ok: false, failure: 'oversized' });
    expect(seen.bytes).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES + CHUNK);
  });

  it('gives up on a body that stops arriving when the deadline passes', async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"epoch":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const pending = api(async () => new Response(stalled, { status: 200 }), 1_000).startSession(
      never,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await pending).toMatchObject({ ok: false, failure: 'network' });
    expect(cancelled).toBe(true);
  });

  it('keeps an error code from the server short', async () => {
    const result = await api(async () =>
      Response.json({ error: 'E'.repeat(50_000) }, { status: 500 }),
    ).poll('s_1', 0, 0, never);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.detail.length).toBeLessThanOrEqual(100);
  });
});
