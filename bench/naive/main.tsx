import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * The benchmark's naive peer: a live dashboard built the way most are (and the way
 * react-use-websocket's `lastMessage` pattern invites). One React state update per WebSocket
 * message, every point of the window handed to recharts on every render, recharts' animation on,
 * no downsampling, no throttling, no staggering. It speaks the same protocol as Pulseboard so both
 * get the same feed, and exposes the same DOM hooks (`data-metric`, the badge) so the same probe
 * measures both. It is deliberately not optimised: that is its purpose.
 *
 * It keeps the same window as Pulseboard's store (9000 points per series), so the comparison is
 * about how data reaches the screen, not about how much of it is kept.
 */
type Point = { ts: number; value: number };
type Sample = { name: string; ts: number; value: number };
type FeedState = { lastSeq: number; series: Record<string, Point[]> };

const WINDOW = 9_000;
const params = new URLSearchParams(location.search);
const api = (params.get('api') ?? location.origin).replace(/\/+$/, '');
/** Fixed retry delay, as most hand-written reconnect loops have (no backoff, no jitter). */
const retryMs = Number(params.get('retryMs') ?? '1000');

const probe = { lastSeq: 0, commits: 0 };
(window as unknown as { __NAIVE__: typeof probe }).__NAIVE__ = probe;

function append(state: FeedState, seq: number, samples: readonly Sample[]): FeedState {
  const series = { ...state.series };
  for (const sample of samples) {
    const previous = series[sample.name] ?? [];
    series[sample.name] = [...previous, { ts: sample.ts, value: sample.value }].slice(-WINDOW);
  }
  return { lastSeq: seq, series };
}

function useFeed(): { status: 'connecting' | 'live'; feed: FeedState } {
  const [status, setStatus] = useState<'connecting' | 'live'>('connecting');
  const [feed, setFeed] = useState<FeedState>({ lastSeq: 0, series: {} });
  useEffect(() => {
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;
    const retry = () => {
      if (!disposed) timer = setTimeout(connect, retryMs);
    };
    async function connect() {
      try {
        const response = await fetch(`${api}/api/session/start`, { method: 'POST' });
        const { sessionId } = (await response.json()) as { sessionId: string };
        if (disposed) return;
        const ws = new WebSocket(`${api.replace(/^http/, 'ws')}/ws`);
        socket = ws;
        ws.onopen = () =>
          ws.send(JSON.stringify({ type: 'hello', sessionId, topics: ['metrics'] }));
        ws.onmessage = (event: MessageEvent<string>) => {
          const message = JSON.parse(event.data) as {
            type: string;
            seq: number;
            ts: number;
            samples: Sample[];
          };
          if (message.type === 'welcome') setStatus('live');
          else if (message.type === 'metrics')
            setFeed((previous) => append(previous, message.seq, message.samples));
          else if (message.type === 'ping')
            ws.send(JSON.stringify({ type: 'pong', ts: message.ts }));
        };
        ws.onclose = () => {
          setStatus('connecting');
          retry();
        };
      } catch {
        retry();
      }
    }
    void connect();
    return () => {
      disposed = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, []);
  useEffect(() => {
    probe.lastSeq = feed.lastSeq;
    probe.commits++;
  }, [feed]);
  return { status, feed };
}

const time = (ts: number) => new Date(ts).toLocaleTimeString([], { hour12: false });

function Panel({ name, points }: { name: string; points: Point[] }) {
  const last = points[points.length - 1];
  return (
    <section data-metric={name} style={{ border: '1px solid #ccd', borderRadius: 8, padding: 8 }}>
      <header style={{ display: 'flex', justifyContent: 'space-between' }}>
        <h2 style={{ fontSize: 14, margin: 0 }}>{name.replace(/_/g, ' ')}</h2>
        <strong>{last ? last.value.toFixed(2) : '–'}</strong>
      </header>
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <XAxis dataKey="ts" type="number" domain={['dataMin', 'dataMax']} tickFormatter={time} />
          <YAxis domain={['auto', 'auto']} width={56} />
          <Tooltip labelFormatter={(ts) => time(Number(ts))} />
          <Line type="monotone" dataKey="value" dot={false} isAnimationActive stroke="#2563eb" />
        </LineChart>
      </ResponsiveContainer>
    </section>
  );
}

function NaiveDashboard() {
  const { status, feed } = useFeed();
  return (
    <div style={{ fontFamily: 'system-ui, sans-serif', padding: 16 }}>
      <header style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
        <h1 style={{ fontSize: 20 }}>Naive dashboard</h1>
        <span data-testid="connection-badge" data-status={status}>
          {status}
        </span>
      </header>
      <main
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
          gap: 12,
          maxWidth: 1180,
        }}
      >
        {Object.entries(feed.series).map(([name, points]) => (
          <Panel key={name} name={name} points={points} />
        ))}
      </main>
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('Expected an element #root');
createRoot(root).render(
  <StrictMode>
    <NaiveDashboard />
  </StrictMode>,
);
