import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpReply, MockBackend } from '../backend/mock-backend';
import { BodyTooLarge, readBody, sendJson } from './http-io';

/**
 * The HTTP half of the protocol (docs/protocol.md) over node:http: session, snapshot, long poll
 * and send, each a thin translation to the MockBackend. CORS is open because the dashboard is
 * served from another origin (`?api=http://127.0.0.1:PORT`).
 */

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

type Route = (
  backend: MockBackend,
  url: URL,
  request: IncomingMessage,
) => HttpReply | Promise<HttpReply>;

const session = (url: URL) => url.searchParams.get('sessionId');

/** A query number, or `fallback` when absent or not a finite number >= 0. */
function numberParam(url: URL, key: string, fallback: number): number {
  const value = Number(url.searchParams.get(key) ?? fallback);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

const ROUTES: Record<string, { method: string; handle: Route }> = {
  '/api/session/start': { method: 'POST', handle: (backend) => backend.startSession() },
  '/api/snapshot': { method: 'GET', handle: (backend, url) => backend.snapshot(session(url)) },
  '/api/poll': {
    method: 'GET',
    handle: (backend, url) =>
      backend.poll(session(url), numberParam(url, 'after', 0), numberParam(url, 'waitMs', 0)),
  },
  '/api/send': {
    method: 'POST',
    async handle(backend, url, request) {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(request));
      } catch (error) {
        if (error instanceof BodyTooLarge) return { status: 413, body: { error: 'too_large' } };
        return { status: 400, body: { error: 'invalid_json' } };
      }
      return backend.receiveHttp(session(url), body);
    },
  },
};

/** Answers `request` if its path is an API path (after `prefix`); returns false otherwise. */
export function handleApi(
  backend: MockBackend,
  prefix: string,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): boolean {
  if (!url.pathname.startsWith(`${prefix}/api/`)) return false;
  const route = ROUTES[url.pathname.slice(prefix.length)];
  if (request.method === 'OPTIONS') {
    sendJson(response, route ? 204 : 404, null, { ...CORS_HEADERS });
    return true;
  }
  if (!route) {
    sendJson(response, 404, { error: 'not_found' }, CORS_HEADERS);
    return true;
  }
  if (request.method !== route.method) {
    sendJson(
      response,
      405,
      { error: 'method_not_allowed' },
      { ...CORS_HEADERS, allow: route.method },
    );
    return true;
  }
  void answer(backend, route.handle, url, request, response);
  return true;
}

async function answer(
  backend: MockBackend,
  handle: Route,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let reply: HttpReply;
  try {
    reply = await handle(backend, url, request);
  } catch (error) {
    // A bug here must cost one request, not the server.
    console.error('[reference-server] request failed:', error);
    reply = { status: 500, body: { error: 'internal' } };
  }
  const latency = backend.faults.latencyMs;
  if (latency > 0) await new Promise<void>((resolve) => backend.clock.setTimeout(resolve, latency));
  sendJson(response, reply.status, reply.body, CORS_HEADERS);
}
