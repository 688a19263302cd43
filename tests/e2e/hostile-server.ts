import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A backend the browser tests control completely, to attack the dashboard with: it speaks just
 * enough of the protocol (docs/protocol.md) to get a page live (session, snapshot, `hello` ->
 * `welcome`, poll, send) and lets each test script every byte it sends: raw frames as strings,
 * raw HTTP bodies, refused upgrades. Unlike the reference server it never validates or repairs
 * what a test asks it to send. Loopback only, on a free port.
 */

/** How one HTTP request is answered. */
export type Reply = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

const CORS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

/** A body as given, byte for byte (malformed JSON included). */
export function rawReply(status: number, body: string, type = 'application/json'): Reply {
  return (_request, response) => {
    response
      .writeHead(status, {
        ...CORS,
        'content-type': `${type}; charset=utf-8`,
        'content-length': String(Buffer.byteLength(body)),
      })
      .end(body);
  };
}

export const jsonReply = (status: number, body: unknown): Reply =>
  rawReply(status, JSON.stringify(body));

/** What a streamed body did: how much was written before the client stopped reading. */
export type StreamTally = { written: number; ended: boolean; abandoned: boolean };

/**
 * A body of `bytes` bytes sent in chunks with no length declared (so only reading it reveals its
 * size), honouring back-pressure: a client that cancels the read stops the stream, and `tally`
 * says how far it got.
 */
export function streamedReply(bytes: number, tally: StreamTally, chunkBytes = 64 * 1024): Reply {
  const chunk = Buffer.from(`{"pad":"${'x'.repeat(chunkBytes)}",`.slice(0, chunkBytes));
  return async (_request, response) => {
    response.writeHead(200, { ...CORS, 'content-type': 'application/json; charset=utf-8' });
    response.on('close', () => {
      if (!tally.ended) tally.abandoned = true;
    });
    while (tally.written < bytes && !response.destroyed) {
      tally.written += chunk.length;
      if (!response.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            response.off('drain', done).off('close', done);
            resolve();
          };
          response.on('drain', done).on('close', done);
        });
      }
    }
    tally.ended = !response.destroyed;
    response.end();
  };
}

/** A declared length over any cap, and a body that never comes: only the header should be read. */
export function declaredHugeReply(declaredBytes: number): Reply {
  return (_request, response) => {
    response.writeHead(200, {
      ...CORS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(declaredBytes),
    });
    response.write('{"epoch":');
  };
}

/** One WebSocket the page opened, and everything it sent on it. */
export type HostileSocket = {
  ws: WebSocket;
  /** Every text frame the client sent, in order. */
  frames: string[];
  /** When each of the client's own pings arrived (ms, this process's clock). */
  pingsAt: number[];
  /** How many pongs the client sent (answers to the server's pings). */
  pongs: number;
  open: boolean;
};

export type Sample = { name: string; ts: number; value: number; unit?: string };
export type AlertBody = {
  id: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  message: string;
  ts: number;
  status: 'open' | 'acknowledged' | 'resolved';
  source?: string;
};

export function alertBody(id: string, more: Partial<AlertBody> = {}): AlertBody {
  return {
    id,
    severity: 'warning',
    title: `Alert ${id}`,
    message: 'raised by the hostile server',
    ts: Date.now(),
    status: 'open',
    ...more,
  };
}

export class HostileServer {
  readonly epoch = 'hostile-epoch-1';
  readonly sessionId = 'hostile-session-1';
  /** The seq of the newest data message built; snapshots report it. */
  seq = 0;
  /** Method and path of every HTTP request, in order. */
  readonly requests: string[] = [];
  readonly sockets: HostileSocket[] = [];
  /** Every client message posted to /api/send (the HTTP fallback's send side), raw. */
  readonly sent: string[] = [];

  /** Scripted answers, used in order; when a queue is empty the default below answers. */
  readonly sessionStarts: Reply[] = [];
  readonly snapshots: Reply[] = [];
  readonly polls: Reply[] = [];
  /** What the default snapshot holds. */
  snapshotSamples: Sample[] = [];
  snapshotAlerts: AlertBody[] = [];
  /** Messages the default poll answer hands out (then forgets). */
  pollMessages: unknown[] = [];
  /** Fields laid over the default `welcome` (`heartbeatMs: 3e9`, say). */
  welcomeFields: Record<string, unknown> = {};
  /** An HTTP status to refuse every upgrade with (403: a proxy that blocks WebSocket). */
  refuseUpgrades: number | null = null;
  /** Send `{"type":"ping"}` every this many ms on each open socket (null: never). */
  serverPingEveryMs: number | null = null;

  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly raw = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor() {
    this.http = createServer((request, response) => void this.answer(request, response));
    this.http.on('connection', (socket) => {
      this.raw.add(socket);
      socket.on('close', () => this.raw.delete(socket));
    });
    this.http.on('upgrade', (request, socket, head) => {
      this.requests.push(`UPGRADE ${request.url ?? ''}`);
      if (this.refuseUpgrades !== null) {
        socket.end(`HTTP/1.1 ${this.refuseUpgrades} Refused\r\nConnection: close\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.adopt(ws));
    });
  }

  static async start(): Promise<HostileServer> {
    const server = new HostileServer();
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** The newest socket still open. */
  get socket(): HostileSocket | undefined {
    return this.sockets.filter((s) => s.open).at(-1);
  }

  /** The next data message's seq. */
  next(): number {
    return ++this.seq;
  }

  metrics(samples: unknown[]): string {
    return JSON.stringify({ type: 'metrics', seq: this.next(), samples });
  }

  alert(alert: unknown): string {
    return JSON.stringify({ type: 'alert', seq: this.next(), alert });
  }

  alertUpdate(id: string, status: AlertBody['status'], by?: string): string {
    return JSON.stringify({ type: 'alert_update', seq: this.next(), id, status, by });
  }

  /** Sends raw frames, in order, on the newest open socket; resolves once they are written. */
  async send(...frames: (string | Buffer)[]): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new Error('Expected an open WebSocket from the page');
    await Promise.all(
      frames.map(
        (frame) =>
          new Promise<void>((resolve, reject) =>
            socket.ws.send(frame, (error) => (error ? reject(error) : resolve())),
          ),
      ),
    );
  }

  /** Client messages of one type the page sent, over WebSocket and HTTP, parsed. */
  clientMessages(type: string): Record<string, unknown>[] {
    const all = [...this.sockets.flatMap((s) => s.frames), ...this.sent].flatMap(parseAll);
    return all.filter((m) => m.type === type);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const client of this.wss.clients) client.terminate();
    for (const socket of this.raw) socket.destroy();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private adopt(ws: WebSocket): void {
    const socket: HostileSocket = { ws, frames: [], pingsAt: [], pongs: 0, open: true };
    this.sockets.push(socket);
    ws.on('close', () => (socket.open = false));
    ws.on('message', (data, binary) => {
      const text = binary ? '<binary>' : data.toString();
      socket.frames.push(text);
      const message = parseAll(text)[0];
      if (message?.type === 'hello') {
        const welcome = {
          type: 'welcome',
          sessionId: this.sessionId,
          epoch: this.epoch,
          seq: this.seq,
          heartbeatMs: 15_000,
          resumed: false,
          ...this.welcomeFields,
        };
        ws.send(JSON.stringify(welcome));
      } else if (message?.type === 'ping') {
        socket.pingsAt.push(Date.now());
        ws.send(JSON.stringify({ type: 'pong', ts: message.ts }));
      } else if (message?.type === 'pong') socket.pongs++;
    });
    if (this.serverPingEveryMs !== null) {
      const timer = setInterval(() => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'ping', ts: Date.now() }));
      }, this.serverPingEveryMs);
      this.timers.add(timer);
      ws.on('close', () => {
        clearInterval(timer);
        this.timers.delete(timer);
      });
    }
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://hostile.invalid');
    this.requests.push(`${request.method ?? ''} ${url.pathname}`);
    if (request.method === 'OPTIONS') return void response.writeHead(204, CORS).end();
    try {
      await this.route(url.pathname, request)(request, response);
    } catch (error) {
      if (!response.headersSent) jsonReply(500, { error: String(error) })(request, response);
      else response.destroy();
    }
  }

  private route(path: string, request: IncomingMessage): Reply {
    switch (path) {
      case '/api/session/start':
        return (
          this.sessionStarts.shift() ??
          jsonReply(201, { sessionId: this.sessionId, ttlMs: 3_600_000 })
        );
      case '/api/snapshot':
        return (
          this.snapshots.shift() ??
          jsonReply(200, {
            epoch: this.epoch,
            seq: this.seq,
            samples: this.snapshotSamples,
            alerts: this.snapshotAlerts,
          })
        );
      case '/api/poll':
        return (
          this.polls.shift() ??
          jsonReply(200, { epoch: this.epoch, messages: this.pollMessages.splice(0) })
        );
      case '/api/send':
        return async (_request, response) => {
          const chunks: Buffer[] = [];
          for await (const chunk of request) chunks.push(chunk as Buffer);
          this.sent.push(Buffer.concat(chunks).toString('utf8'));
          response.writeHead(202, CORS).end();
        };
      default:
        return jsonReply(404, { error: 'not_found' });
    }
  }
}

/** A client frame or /api/send body as messages (an array body is several). */
function parseAll(text: string): Record<string, unknown>[] {
  try {
    const value: unknown = JSON.parse(text);
    const list = Array.isArray(value) ? value : [value];
    return list.filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null);
  } catch {
    return [];
  }
}

/** Polls a condition of this process (what the server saw) until it holds or the deadline passes. */
export async function until(condition: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
