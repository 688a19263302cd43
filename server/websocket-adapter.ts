import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { MockBackend } from '../backend/mock-backend';
import { MAX_FRAME_BYTES } from '../src/realtime/protocol';
import { describeTarget, parseTarget } from './http-io';

/**
 * The WebSocket half of the protocol over `ws`. A blocked or unavailable backend refuses the
 * HTTP upgrade itself (403 / 503, as a proxy or a restarting server would), so the browser sees
 * a real failed handshake, not an accepted socket that closes.
 */
export function attachWebSocket(
  server: Server,
  backend: MockBackend,
  path: string,
  log: (line: string) => void = () => {},
): () => void {
  // ws enforces the protocol's frame limit on what clients send, closing with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = parseTarget(request);
    if (!target.ok) {
      log(`refused upgrade ${describeTarget(request)}: 400 ${target.error}`);
      return refuse(socket, 400, 'Bad Request');
    }
    if (target.url.pathname !== path) {
      log(`refused upgrade ${describeTarget(request)}: 404 not the WebSocket path`);
      return refuse(socket, 404, 'Not Found');
    }
    if (!backend.admitUpgrade()) {
      return backend.faults.unavailable
        ? refuse(socket, 503, 'Service Unavailable')
        : refuse(socket, 403, 'Forbidden');
    }
    // ws itself answers 400 to a handshake it cannot complete (no Sec-WebSocket-Key, say).
    wss.handleUpgrade(request, socket, head, (ws) => connect(ws, backend));
  };
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(request, socket, head);
    } catch (error) {
      // An upgrade event has no response object: a throw here would be an uncaught exception.
      console.error('[reference-server] upgrade failed:', error);
      refuse(socket, 500, 'Internal Server Error');
    }
  };

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}

function connect(ws: WebSocket, backend: MockBackend): void {
  const handle = backend.accept({
    send: (text) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close: (code, reason) => ws.close(code, reason),
    // No close frame, the TCP connection just ends: the browser reports 1006.
    drop: () => ws.terminate(),
  });
  if (!handle) {
    ws.close(1013, 'try again later');
    return;
  }
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    try {
      handle.receive(data.toString());
    } catch (error) {
      console.error('[reference-server] frame handling failed:', error);
      ws.close(1011, 'server error');
    }
  });
  ws.on('close', () => handle.closed());
  ws.on('error', () => ws.terminate());
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = `${status} ${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
