import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockBackend, type BackendOptions } from '../backend/mock-backend';
import type { ScenarioRunner, ScenarioSpec } from '../backend/scenario';
import { runScenario } from '../backend/scenario-runner';
import { handleApi } from './api-routes';
import { handleControl } from './control-routes';
import { describeTarget, parseTarget, sendJson } from './http-io';
import { attachWebSocket } from './websocket-adapter';

/**
 * The reference server: the Pulseboard protocol over real sockets (node:http and `ws`), backed
 * by the same MockBackend and scenarios as the in-page mocks. See docs/reference-server.md.
 */
export type ReferenceServerOptions = {
  /** Default 127.0.0.1: nothing beyond this machine unless asked. */
  host?: string;
  /** Default 0: a free port (read it back from `port`). */
  port?: number;
  /** A path prefix the base URL carries, e.g. `/pulse`; default none. */
  prefix?: string;
  /** A scenario spec (`session-expiry;firstMs=500`); invalid text throws. */
  scenario?: string | readonly ScenarioSpec[];
  backend?: BackendOptions;
  /** Where scenario phases and refused requests are reported; default silent. */
  log?: (line: string) => void;
};

export type ReferenceServer = {
  /** The base URL to give the dashboard (`?api=`). */
  url: string;
  host: string;
  port: number;
  backend: MockBackend;
  scenarios: ScenarioRunner;
  close(): Promise<void>;
};

export async function startReferenceServer(
  options: ReferenceServerOptions = {},
): Promise<ReferenceServer> {
  const host = options.host ?? '127.0.0.1';
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  if (prefix !== '' && !prefix.startsWith('/'))
    throw new Error(`Expected a prefix starting with "/" but got "${options.prefix}"`);
  // The control endpoint sits at /control/* on the root whatever the prefix: a prefix under it
  // would hand the protocol's own calls to the control routes.
  if (prefix === '/control' || prefix.startsWith('/control/'))
    throw new Error(
      `Expected a prefix outside /control (the control endpoint) but got "${prefix}"`,
    );
  const log = options.log ?? (() => {});
  const backend = new MockBackend(options.backend).start();
  const scenarios = runScenario(backend, options.scenario);
  let lastPhases = 0;
  scenarios.subscribe(({ phases }) => {
    if (phases.length < lastPhases) lastPhases = 0;
    for (const phase of phases.slice(lastPhases))
      log(`scenario ${phase.scenario}: ${phase.label} (+${Math.round(phase.atMs)} ms)`);
    lastPhases = phases.length;
  });
  for (const phase of scenarios.current.phases)
    log(`scenario ${phase.scenario}: ${phase.label} (+${Math.round(phase.atMs)} ms)`);
  lastPhases = scenarios.current.phases.length;

  const server = createServer((request, response) =>
    route(backend, scenarios, prefix, log, request, response),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Bytes node:http cannot parse as a request: say so, as a server should, then hang up.
    log(`refused unparsable request: ${error.code ?? error.message}`);
    if (socket.writable && !socket.destroyed) {
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
  });
  const detachWebSocket = attachWebSocket(server, backend, `${prefix}/ws`, log);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}${prefix}`,
    host,
    port,
    backend,
    scenarios,
    async close() {
      scenarios.stop();
      backend.stop();
      detachWebSocket();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function route(
  backend: MockBackend,
  scenarios: ScenarioRunner,
  prefix: string,
  log: (line: string) => void,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const target = parseTarget(request);
  if (!target.ok) {
    log(`refused ${describeTarget(request)}: 400 ${target.error}`);
    return sendJson(response, 400, { error: target.error });
  }
  const { url } = target;
  try {
    if (handleControl(backend, scenarios, log, request, response, url, target.host)) return;
    if (handleApi(backend, prefix, request, response, url)) return;
    if (request.method === 'GET' && (url.pathname === '/' || url.pathname === `${prefix}/`)) {
      return sendJson(response, 200, {
        name: 'Pulseboard reference server',
        protocol: 'pulseboard/1',
        docs: 'docs/reference-server.md',
        websocket: `${prefix}/ws`,
        epoch: backend.epoch,
      });
    }
    sendJson(response, 404, { error: 'not_found' });
  } catch (error) {
    console.error('[reference-server] request failed:', error);
    sendJson(response, 500, { error: 'internal' });
  }
}
