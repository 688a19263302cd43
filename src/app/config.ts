import type { RealtimeOptions } from '../realtime';

/**
 * Which backend the dashboard talks to. `?api=<base URL>` (a public contract: tests outside the
 * repo use it) wins over the build-time `VITE_API_BASE`; with neither, the embedded mock backend
 * answers at the page's own origin.
 */
export type BackendConfig = {
  mode: 'mock' | 'remote';
  baseUrl: string;
  /** Connection timings; `?timing=fast` shortens them for QA and browser tests. */
  timing: ClientTiming;
  /** Where the connection engine runs: the page's main thread, or a Web Worker. */
  engine: EngineMode;
  /** Set when `?api=` was given but unusable; the app falls back to the mock and says so. */
  problem?: string;
};

/**
 * `page` runs the engine on the main thread; `worker` runs it in a Web Worker, so socket events,
 * parsing and validation never compete with rendering. `?engine=` chooses; the mock backend
 * (MSW) can only intercept the page's own sockets, so mock mode always uses `page`.
 */
export type EngineMode = 'page' | 'worker';

export type ClientTiming = Pick<
  RealtimeOptions,
  'backoff' | 'probeIntervalMs' | 'connectTimeoutMs' | 'lineCheckMs'
>;

/**
 * `?timing=fast`: the same policy on a shorter clock (backoff up to 2 s, a WebSocket probe every
 * 3 s while on the fallback), so a QA session or a browser test sees recovery in seconds.
 */
export const FAST_TIMING: ClientTiming = {
  backoff: { baseMs: 250, capMs: 2_000, minMs: 50, resetAfterMs: 2_000 },
  probeIntervalMs: 3_000,
  connectTimeoutMs: 3_000,
  lineCheckMs: 1_000,
};

export function resolveBackend(
  search: string,
  origin: string,
  buildTimeBase?: string,
  workersAvailable = typeof Worker !== 'undefined',
): BackendConfig {
  const params = new URLSearchParams(search);
  const timing = params.get('timing') === 'fast' ? FAST_TIMING : {};
  const asked = params.get('engine');
  const remote = (baseUrl: string): BackendConfig => ({
    mode: 'remote',
    baseUrl,
    timing,
    engine: chooseEngine(asked, workersAvailable),
  });
  const mock = (problem?: string): BackendConfig => ({
    mode: 'mock',
    baseUrl: origin,
    timing,
    engine: 'page',
    ...(problem ? { problem } : {}),
  });
  const fromUrl = params.get('api');
  if (fromUrl !== null && fromUrl !== '') {
    const url = parseHttpUrl(fromUrl);
    if (url) return remote(url);
    return mock(`Ignored ?api=${fromUrl}: not an http(s) URL`);
  }
  const fromBuild = buildTimeBase ? parseHttpUrl(buildTimeBase) : null;
  if (fromBuild) return remote(fromBuild);
  return mock();
}

/**
 * Where the engine runs against a real backend unless `?engine=` says otherwise. The worker: at
 * 5,000 msg/s it leaves the page's main thread a third busy where the page engine keeps it half
 * busy or more (docs/performance.md), and a worker that cannot start hands over to the page.
 */
export const DEFAULT_REMOTE_ENGINE: EngineMode = 'worker';

function chooseEngine(asked: string | null, workersAvailable: boolean): EngineMode {
  if (!workersAvailable) return 'page';
  return asked === 'page' || asked === 'worker' ? asked : DEFAULT_REMOTE_ENGINE;
}

function parseHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}
