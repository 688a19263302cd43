import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small helpers for node:http: reading a bounded body and answering JSON. */

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Reads the request body as text; past `limit` bytes it stops reading and throws BodyTooLarge. */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge(`body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  if (body === null) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    })
    .end(text);
}

/** The request target (RFC 9112 3.2) as a URL, or why it is refused (the caller answers 400). */
export type Target =
  { ok: true; url: URL; host: string | undefined } | { ok: false; error: string };

/**
 * Reads the request target strictly. Origin form (`/path?query`) is resolved against a fixed
 * origin, so `//` is a path, not a scheme-relative URL with no host. Absolute form
 * (`http://host/path`) is accepted as the RFC asks, and then its authority, not the Host header,
 * names the host. Any `%` escape that is broken or not UTF-8 is refused rather than decoded
 * leniently: `sessionId=%E0%A4%A` must not quietly become a different id.
 */
export function parseTarget(request: IncomingMessage): Target {
  const raw = request.url ?? '';
  const absolute = /^https?:\/\//i.test(raw);
  if (!absolute && !raw.startsWith('/')) return { ok: false, error: 'bad_url' };
  let url: URL;
  try {
    url = new URL(absolute ? raw : `http://target.invalid${raw}`);
  } catch {
    return { ok: false, error: 'bad_url' };
  }
  const host = absolute ? url.host : request.headers.host;
  const parts = [url.pathname, ...url.search.slice(1).split('&')];
  for (const part of parts) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return { ok: false, error: 'bad_percent_encoding' };
    }
  }
  return { ok: true, url, host };
}

/** A request target for a log line: bounded, and quoted so control characters cannot forge lines. */
export function describeTarget(request: IncomingMessage): string {
  const raw = request.url ?? '';
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}...` : raw;
  return `${request.method ?? '?'} ${JSON.stringify(shown)}`;
}

/**
 * Whether a Host header names this machine by a loopback name. A page on evil.example that
 * re-points its DNS at 127.0.0.1 (DNS rebinding) reaches us from a loopback peer, but its
 * requests still carry `Host: evil.example`.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  return /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i.test(host);
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
