import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A reverse proxy that forwards HTTP faithfully but, while `stripping`, drops the `Upgrade`
 * header of a WebSocket handshake, as nginx does without `proxy_set_header Upgrade` (field
 * report 003). The backend then sees a plain GET /ws and the browser's handshake fails with
 * whatever that returns; HTTP keeps working, so only the long-poll fallback can deliver.
 * Put it between the dashboard and any backend to test that backend's deployment too.
 */
export type UpgradeStrippingProxy = {
  url: string;
  /** True: upgrades are stripped. False: the proxy is "fixed" and tunnels them. */
  stripping: boolean;
  close(): Promise<void>;
};

const HOP_BY_HOP = new Set(['upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version']);

export async function startUpgradeStrippingProxy(
  target: string,
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<UpgradeStrippingProxy> {
  const upstream = new URL(target);
  const upstreamPort = Number(upstream.port || 80);
  const sockets = new Set<Duplex>();

  const server = createServer((request, response) => {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstreamPort,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
    request.pipe(forward);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (proxy.stripping) return forwardWithoutUpgrade(request, socket);
    tunnel(request, socket, head);
  });

  function forwardWithoutUpgrade(request: IncomingMessage, socket: Duplex) {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
    );
    const forward = httpRequest(
      { host: upstream.hostname, port: upstreamPort, method: 'GET', path: request.url, headers },
      (answer) => {
        socket.write(
          `HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}\r\n` +
            `Content-Type: ${answer.headers['content-type'] ?? 'text/plain'}\r\n` +
            'Connection: close\r\n\r\n',
        );
        answer.pipe(socket);
      },
    );
    forward.on('error', () => socket.destroy());
    forward.end();
  }

  function tunnel(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const backend = connect(upstreamPort, upstream.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2)
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      backend.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) backend.write(head);
      socket.pipe(backend).pipe(socket);
    });
    sockets.add(backend);
    backend.on('close', () => {
      sockets.delete(backend);
      socket.destroy();
    });
    backend.on('error', () => socket.destroy());
    socket.on('close', () => backend.destroy());
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  const proxy: UpgradeStrippingProxy = {
    url: `http://${host}:${address.port}${upstream.pathname.replace(/\/+$/, '')}`,
    stripping: true,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
