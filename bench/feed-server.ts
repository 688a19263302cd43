import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSampleSource, METRICS, type SampleClock } from './feed-samples';
import { createHostileFrames } from './hostile-frames';

export { METRICS, type SampleClock } from './feed-samples';

/**
 * The benchmark's own backend: the wire protocol of docs/protocol.md (session, snapshot, /ws with
 * hello -> welcome, consecutive `seq`, resume, ping/pong) and nothing else, tuned to push tens of
 * thousands of frames a second from one Node thread. Frames are built by string concatenation, not
 * JSON.stringify, because the server shares two cores with the browser it measures: every
 * microsecond spent here is one the page does not get.
 */

export type FeedMode =
  | { kind: 'idle' }
  /** A fixed message rate, paced by wall time whatever the client does (backlog can grow). */
  | { kind: 'rate'; messagesPerSecond: number; samplesPerMessage: number }
  /**
   * As fast as the page takes it, optionally stopping after `limitSamples`: the browser's
   * consumption rate is then the measured quantity. Publishing stops at the seq last given to
   * `allowUpTo` (the harness keeps about half a second of work in flight), because TCP
   * back-pressure alone would let megabytes queue in kernel and browser buffers, which a slow page
   * then needs minutes to drain.
   */
  | { kind: 'flood'; samplesPerMessage: number; clock: SampleClock; limitSamples?: number }
  /**
   * A hostile backend (issue 11): frames of just under 1 MiB, every sample a metric name never
   * sent before, as fast as the socket drains. No credit: a hostile server does not wait for the
   * page, only TCP back-pressure holds it.
   */
  | { kind: 'hostile' };

export type FeedStats = {
  epoch: string;
  /** Last published data seq. */
  seq: number;
  samplesPublished: number;
  /** `welcome`s sent since start (one per successful connection). */
  welcomes: number;
  clients: number;
  /** Set when a `flood` with a limit has published everything. */
  floodDone: boolean;
  /** What `hostile` modes have sent since start: frames, their bytes, new metric names. */
  hostile: { frames: number; bytes: number; names: number };
};

export type FeedServer = {
  readonly url: string;
  setMode(mode: FeedMode): void;
  /** A flood publishes up to this seq and then waits for more credit. */
  allowUpTo(seq: number): void;
  stats(): FeedStats;
  /**
   * A new epoch and seq 0, as after a server restart but without closing anything; with
   * `metrics`, a stream of that many metrics (default six), so the page shows that many charts.
   */
  resetStream(options?: { metrics?: number }): void;
  /** Metrics the current stream cycles through. */
  metricCount(): number;
  /** Close each connection `afterMs` after its welcome with `code` (reconnect cycles); null stops. */
  setCycling(cycling: { afterMs: number; code: number } | null): void;
  /** The server goes away: every socket closed with 1012, the port stops listening. */
  down(): Promise<void>;
  /** The server comes back on the same port, with a new epoch. Resolves once listening. */
  up(): Promise<void>;
  close(): Promise<void>;
};

type Client = { socket: WebSocket; welcomed: boolean; cycleTimer: NodeJS.Timeout | null };

const HEARTBEAT_MS = 5_000;
/** Frames kept for resume; enough for a reconnect at the low rates the cycle phase uses. */
const RETAIN_FRAMES = 4_096;
/** Above this many bytes queued in `ws` for a client, a flood waits: the browser is behind. */
const FLOOD_HIGH_WATER = 512 * 1024;
/** A rate mode never sends more than this share of a second in one tick (no giant bursts). */
const MAX_BURST_SECONDS = 0.05;

export async function startFeedServer(): Promise<FeedServer> {
  let epoch = newEpoch();
  let seq = 0;
  let welcomes = 0;
  let mode: FeedMode = { kind: 'idle' };
  let modeGeneration = 0;
  let floodDone = false;
  let allowedSeq = 0;
  let cycling: { afterMs: number; code: number } | null = null;
  let sessions = 0;

  const clients = new Set<Client>();
  const retained: { seq: number; text: string }[] = [];
  const samples = createSampleSource();
  const hostileFrames = createHostileFrames();
  const hostile = { frames: 0, bytes: 0 };

  /** Builds, retains and sends one metrics message to every welcomed client. */
  function publish(samplesPerMessage: number, clock: SampleClock): void {
    let body = samples.nextJson(clock);
    for (let i = 1; i < samplesPerMessage; i++) body += ',' + samples.nextJson(clock);
    seq++;
    const text = `{"type":"metrics","seq":${seq},"samples":[${body}]}`;
    retained.push({ seq, text });
    if (retained.length > RETAIN_FRAMES * 2) retained.splice(0, retained.length - RETAIN_FRAMES);
    for (const client of clients) if (client.welcomed) client.socket.send(text);
  }

  /**
   * Sends one hostile frame. Not retained for resume: a few thousand 1 MiB frames would take
   * gigabytes here; dropping what was retained makes a reconnecting page resync instead.
   */
  function publishHostile(): void {
    seq++;
    const frame = hostileFrames.next(seq, Date.now());
    retained.length = 0;
    hostile.frames++;
    hostile.bytes += frame.data.length;
    for (const client of clients)
      if (client.welcomed) client.socket.send(frame.data, { binary: false });
  }

  function backlogged(): boolean {
    for (const client of clients)
      if (client.welcomed && client.socket.bufferedAmount > FLOOD_HIGH_WATER) return true;
    return false;
  }

  function runMode(): void {
    const generation = ++modeGeneration;
    floodDone = false;
    const current = mode;
    if (current.kind === 'idle') return;
    if (current.kind === 'hostile') {
      const pump = () => {
        if (generation !== modeGeneration) return;
        if (hasWelcomed() && !backlogged()) publishHostile();
        // A frame is about 1 MiB, over the high-water mark: one at a time, as the socket drains.
        if (backlogged() || !hasWelcomed()) setTimeout(pump, 2);
        else setImmediate(pump);
      };
      pump();
      return;
    }
    if (current.kind === 'flood') {
      samples.restart(current.clock);
      const limit = current.limitSamples ?? Number.POSITIVE_INFINITY;
      let sent = 0;
      const pump = () => {
        if (generation !== modeGeneration) return;
        // Publish in slices so timers (pings, cycling, the harness) still get the event loop.
        let budget = 256;
        while (budget-- > 0 && sent < limit && seq < allowedSeq && !backlogged()) {
          publish(current.samplesPerMessage, current.clock);
          sent += current.samplesPerMessage;
        }
        if (sent >= limit) {
          floodDone = true;
          return;
        }
        // Out of credit or back-pressured: look again in 2 ms rather than spin (the browser
        // needs the CPU).
        if (seq >= allowedSeq || backlogged() || !hasWelcomed()) setTimeout(pump, 2);
        else setImmediate(pump);
      };
      pump();
      return;
    }
    const startedAt = performance.now();
    let sent = 0;
    const tick = () => {
      if (generation !== modeGeneration) return;
      const due = Math.floor(((performance.now() - startedAt) / 1000) * current.messagesPerSecond);
      const burst = Math.max(1, Math.ceil(current.messagesPerSecond * MAX_BURST_SECONDS));
      const count = Math.min(due - sent, burst);
      for (let i = 0; i < count; i++) publish(current.samplesPerMessage, { kind: 'wall' });
      sent += Math.max(0, count);
      // If the server itself fell behind (a starved Node), forget the debt rather than burst it.
      if (due - sent > burst) sent = due - burst;
      setTimeout(tick, 2);
    };
    tick();
  }

  const hasWelcomed = () => [...clients].some((client) => client.welcomed);

  function welcome(
    client: Client,
    hello: { sessionId?: unknown; epoch?: unknown; lastSeq?: unknown },
  ) {
    const oldest = retained[0]?.seq ?? seq + 1;
    const lastSeq = typeof hello.lastSeq === 'number' ? hello.lastSeq : null;
    const resumed =
      hello.epoch === epoch && lastSeq !== null && lastSeq <= seq && lastSeq >= oldest - 1;
    client.socket.send(
      JSON.stringify({
        type: 'welcome',
        sessionId: typeof hello.sessionId === 'string' ? hello.sessionId : '',
        epoch,
        seq,
        heartbeatMs: HEARTBEAT_MS,
        resumed,
      }),
    );
    if (resumed)
      for (const frame of retained) if (frame.seq > lastSeq) client.socket.send(frame.text);
    client.welcomed = true;
    welcomes++;
    if (cycling) scheduleCycle(client);
  }

  function scheduleCycle(client: Client): void {
    if (!cycling || client.cycleTimer) return;
    const { afterMs, code } = cycling;
    client.cycleTimer = setTimeout(
      () => client.socket.close(code, 'bench reconnect cycle'),
      afterMs,
    );
  }

  function snapshotBody(): string {
    return JSON.stringify({ epoch, seq, samples: samples.snapshot(), alerts: [] });
  }

  function handleHttp(request: IncomingMessage, response: ServerResponse): void {
    // The page is served from another origin: every answer carries CORS headers.
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    response.setHeader('access-control-allow-headers', 'content-type');
    const path = (request.url ?? '/').split('?')[0];
    const reply = (status: number, body: string | null) => {
      if (body !== null) response.setHeader('content-type', 'application/json');
      response.writeHead(status).end(body ?? undefined);
    };
    request.resume(); // the bodies are not needed; drain them so keep-alive works
    if (request.method === 'OPTIONS') return reply(204, null);
    if (request.method === 'POST' && path === '/api/session/start')
      return reply(201, JSON.stringify({ sessionId: `s_${++sessions}`, ttlMs: 3_600_000 }));
    if (request.method === 'GET' && path === '/api/snapshot') return reply(200, snapshotBody());
    if (request.method === 'GET' && path === '/api/poll')
      return reply(200, JSON.stringify({ epoch, messages: [] }));
    if (request.method === 'POST' && path === '/api/send') return reply(202, null);
    reply(404, JSON.stringify({ error: 'not_found' }));
  }

  let http: Server;
  let wss: WebSocketServer;
  let port = 0;

  async function listen(): Promise<void> {
    http = createServer(handleHttp);
    http.keepAliveTimeout = 1_000;
    wss = new WebSocketServer({ server: http, path: '/ws', maxPayload: 1 << 20 });
    wss.on('connection', (socket) => {
      const client: Client = { socket, welcomed: false, cycleTimer: null };
      clients.add(client);
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        const text = data.toString();
        if (text === 'ping') return socket.send('pong');
        let message: {
          type?: unknown;
          ts?: unknown;
          sessionId?: unknown;
          epoch?: unknown;
          lastSeq?: unknown;
        };
        try {
          message = JSON.parse(text) as typeof message;
        } catch {
          return;
        }
        if (!client.welcomed) {
          if (message.type === 'hello') welcome(client, message);
          else socket.close(1002, 'expected hello first');
          return;
        }
        if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong', ts: message.ts }));
      });
      socket.on('close', () => {
        if (client.cycleTimer) clearTimeout(client.cycleTimer);
        clients.delete(client);
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => {
        port = (http.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  // Any frame proves the line alive; in idle phases the pings are what keep the client's
  // heartbeat from declaring the line dead.
  const heartbeat = setInterval(() => {
    const text = JSON.stringify({ type: 'ping', ts: Date.now() });
    for (const client of clients) if (client.welcomed) client.socket.send(text);
  }, HEARTBEAT_MS);

  async function down(): Promise<void> {
    const closing = [...clients].map((client) => {
      if (client.cycleTimer) clearTimeout(client.cycleTimer);
      clients.delete(client);
      client.socket.close(1012, 'service restart');
      return new Promise<void>((resolve) => client.socket.once('close', () => resolve()));
    });
    // A page whose main thread is jammed may never answer the close frame: give it half a
    // second, then cut the socket so the port is really free for `up()`.
    await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 500))]);
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => {
      wss.close(() => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    });
  }

  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    setMode(next) {
      mode = next;
      runMode();
    },
    allowUpTo(next) {
      allowedSeq = next;
    },
    stats: () => ({
      epoch,
      seq,
      samplesPublished: samples.published,
      welcomes,
      clients: [...clients].filter((client) => client.welcomed).length,
      floodDone,
      hostile: { ...hostile, names: hostileFrames.names },
    }),
    resetStream(options = {}) {
      epoch = newEpoch();
      seq = 0;
      allowedSeq = 0;
      retained.length = 0;
      samples.setMetricCount(options.metrics ?? METRICS.length);
    },
    metricCount: () => samples.metricCount,
    setCycling(next) {
      cycling = next;
      if (!next) {
        for (const client of clients) {
          if (client.cycleTimer) clearTimeout(client.cycleTimer);
          client.cycleTimer = null;
        }
      }
      // Connections welcomed before cycling started get their close too, or nothing would start.
      for (const client of clients) if (client.welcomed) scheduleCycle(client);
    },
    down,
    async up() {
      epoch = newEpoch();
      seq = 0;
      allowedSeq = 0;
      retained.length = 0;
      await listen();
    },
    async close() {
      modeGeneration++;
      clearInterval(heartbeat);
      await down();
    },
  };
}

function newEpoch(): string {
  return `e_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
