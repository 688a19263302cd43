import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockBackend } from '../backend/mock-backend';
import { applyFault, parseFaultCommand } from '../backend/faults';
import { formatScenarioSpec, type ScenarioRunner } from '../backend/scenario';
import { parseScenarios } from '../backend/scenario-runner';
import {
  BodyTooLarge,
  describeTarget,
  isLoopback,
  isLoopbackHost,
  readBody,
  sendJson,
} from './http-io';

/**
 * The control endpoint: faults and scenarios on demand, for tests and for a person with curl.
 * Loopback callers only, by peer address and by Host (a rebinding page reaches us from loopback
 * but names its own host), JSON bodies only and no CORS: a web page the tester happens to have
 * open cannot reach it (a cross-origin JSON POST needs a preflight this endpoint never grants).
 * Every refusal is logged, so a tester sees why a command did nothing.
 */
export function handleControl(
  backend: MockBackend,
  scenarios: ScenarioRunner,
  log: (line: string) => void,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  host: string | undefined,
): boolean {
  if (!url.pathname.startsWith('/control/') && url.pathname !== '/control') return false;
  const refuse = (status: number, error: string, extra: object = {}) => {
    log(`refused ${describeTarget(request)}: ${status} ${error}`);
    sendJson(response, status, { error, ...extra });
  };
  if (!isLoopback(request.socket.remoteAddress))
    return (refuse(403, 'control is for loopback callers only'), true);
  if (!isLoopbackHost(host))
    return (refuse(403, 'control answers only Host 127.0.0.1, localhost or [::1]'), true);
  const path = url.pathname;
  if (path === '/control/state' && request.method === 'GET') {
    sendJson(response, 200, controlState(backend, scenarios));
    return true;
  }
  if ((path === '/control/fault' || path === '/control/scenario') && request.method === 'POST') {
    command(path, backend, scenarios, request, response, refuse).catch((error: unknown) => {
      // A bug here must cost one request, not the server.
      console.error('[reference-server] control command failed:', error);
      sendJson(response, 500, { error: 'internal' });
    });
    return true;
  }
  refuse(404, 'not_found', {
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
    sessions: backend.sessionCount,
    faults: { ...backend.faults },
    stats: { ...backend.stats },
    tuning: backend.tuning,
    scenario: formatScenarioSpec(scenarios.current.specs),
    phases: scenarios.current.phases,
    // Which protocol the backend speaks now: the v1 scenario takes its catalogue away.
    protocol: backend.catalog ? '1.1' : '1',
  };
}

async function command(
  path: string,
  backend: MockBackend,
  scenarios: ScenarioRunner,
  request: IncomingMessage,
  response: ServerResponse,
  refuse: (status: number, error: string) => void,
): Promise<void> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
    return refuse(415, 'expected content-type: application/json');
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request, 64 * 1024));
  } catch (error) {
    const tooLarge = error instanceof BodyTooLarge;
    return refuse(tooLarge ? 413 : 400, tooLarge ? 'too_large' : 'invalid_json');
  }
  if (path === '/control/fault') {
    const parsed = parseFaultCommand(body);
    if (!parsed.ok) return refuse(400, parsed.error);
    applyFault(backend, parsed.value);
  } else {
    const text = (body as { scenario?: unknown } | null)?.scenario;
    if (typeof text !== 'string')
      return refuse(400, 'expected {"scenario": "name;param=value,..."}');
    const parsed = parseScenarios(text);
    if (!parsed.ok) return refuse(400, parsed.error);
    scenarios.run(parsed.value);
  }
  sendJson(response, 200, controlState(backend, scenarios));
}
