import type { MockBackend } from './mock-backend';

/**
 * Frames a careless or hostile server sends, each of which the dashboard must count and drop
 * while the connection stays up and no real message is lost. Data-like ones reuse the next seq
 * on purpose: a client that wrongly accepted one would then drop the real message as a duplicate.
 */
export const MALFORMED_KINDS = [
  'invalid-json',
  'bare-ping',
  'unknown-type',
  'wrong-shape',
  'oversized',
  'html-text',
] as const;

export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** Over the 1 MiB frame limit of the protocol, by a margin no rounding can hide. */
export const OVERSIZED_FRAME_BYTES = 1024 * 1024 + 64 * 1024;

export function isMalformedKind(value: unknown): value is MalformedKind {
  return (MALFORMED_KINDS as readonly unknown[]).includes(value);
}

/** Sends one kind of bad frame to every live connection. */
export function sendMalformed(backend: MockBackend, kind: MalformedKind): void {
  const next = backend.seq + 1;
  switch (kind) {
    case 'invalid-json':
      backend.sendRaw('{"type":"metrics","seq":');
      return;
    case 'bare-ping':
      // The legacy heartbeat of field report 004: a bare string, not JSON. The client answers "pong".
      backend.sendRaw('ping');
      return;
    case 'unknown-type':
      backend.sendRaw(JSON.stringify({ type: 'mystery', seq: next, payload: {} }));
      return;
    case 'wrong-shape':
      backend.sendRaw(JSON.stringify({ type: 'metrics', seq: next, samples: 'lots' }));
      backend.sendRaw(JSON.stringify({ type: 'alert', seq: next, alert: { id: 42 } }));
      backend.sendRaw(JSON.stringify({ type: 'metrics', seq: 'seven', samples: [] }));
      backend.sendRaw(JSON.stringify([1, 2, 3]));
      return;
    case 'oversized':
      backend.sendRaw(
        JSON.stringify({
          type: 'status',
          seq: next,
          level: 'info',
          message: 'x'.repeat(OVERSIZED_FRAME_BYTES),
        }),
      );
      return;
    case 'html-text':
      // Valid protocol, hostile content: it must render as text, never as markup.
      backend.raiseAlert({
        id: `html_${next}`,
        severity: 'warning',
        title: '<img src=x onerror="window.__pwned=1">Injected title',
        message: '<script>window.__pwned=1</script><b>bold?</b>',
        ts: backend.clock.now(),
        status: 'open',
      });
      return;
  }
}
