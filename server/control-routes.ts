import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockBackend } from '../mocks/backend';
import { applyFault, parseFaultCommand } from '../mocks/faults';
import { formatScenarioSpec, type ScenarioRunner } from '../mocks/scenario';
import { parseScenarios } from '../mocks/scenario-runner';
import { BodyTooLarge, isLoopback, readBody, sendJson } from './http-io';

/**
 * The control endpoint: faults and scenarios on demand, for tests and for a person with curl.
 * Loopback callers only, JSON bodies only and no CORS: a web page the tester happens to have
 * open cannot reach it (a cross-origin JSON POST needs a preflight this endpoint never grants).
 */
export function handleControl(
  backend: MockBackend,
  scenarios: ScenarioRunner,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): boolean {
  if (!url.pathname.startsWith('/control/') && url.pathname !== '/control') return false;
  if (!isLoopback(request.socket.remoteAddress)) {
    sendJson(response, 403, { error: 'control is for loopback callers only' });
    return true;
  }
  const path = url.pathname;
  if (path === '/control/state' && request.method === 'GET') {
    sendJson(response, 200, controlState(backend, scenarios));
    return true;
  }
  if ((path === '/control/fault' || path === '/control/scenario') && request.method === 'POST') {
    void command(path, backend, scenarios, request, response);
    return true;
  }
  sendJson(response, 404, {
    error: 'not_found',
    endpoints: ['GET /control/state', 'POST /control/fault', 'POST /control/scenario'],
  });
  return true;
}

/** Everything a test may want to assert on, as plain JSON. */
export function controlState(backend: MockBackend, scenarios: ScenarioRunner) {
  return {
    epoch: backend.epoch,
    seq: backend.seq,
    connections: backend.connectionCount,
    faults: { ...backend.faults },
    stats: { ...backend.stats },
    tuning: backend.tuning,
    scenario: formatScenarioSpec(scenarios.current.specs),
    phases: scenarios.current.phases,
  };
}

async function command(
  path: string,
  backend: MockBackend,
  scenarios: ScenarioRunner,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(response, 415, { error: 'expected content-type: application/json' });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request, 64 * 1024));
  } catch (error) {
    const tooLarge = error instanceof BodyTooLarge;
    sendJson(response, tooLarge ? 413 : 400, { error: tooLarge ? 'too_large' : 'invalid_json' });
    return;
  }
  if (path === '/control/fault') {
    const parsed = parseFaultCommand(body);
    if (!parsed.ok) return sendJson(response, 400, { error: parsed.error });
    applyFault(backend, parsed.value);
  } else {
    const text = (body as { scenario?: unknown } | null)?.scenario;
    if (typeof text !== 'string')
      return sendJson(response, 400, { error: 'expected {"scenario": "name;param=value,..."}' });
    const parsed = parseScenarios(text);
    if (!parsed.ok) return sendJson(response, 400, { error: parsed.error });
    scenarios.run(parsed.value);
  }
  sendJson(response, 200, controlState(backend, scenarios));
}
