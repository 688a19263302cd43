import type { RealtimeOptions } from '../realtime';

/**
 * Which backend the dashboard talks to, and how far the page trusts it (docs/security.md).
 *
 * A build with `VITE_API_BASE` is a deployment: its backend is that one, and `?api=` (a public
 * contract: tests outside the repo use it) is honoured only for origins listed in
 * `VITE_API_ALLOW`; anything else is refused and the dashboard stays on its own backend. It never
 * falls back to the embedded mock. A build without `VITE_API_BASE` is a demo or test build: the
 * embedded mock answers at the page's own origin, and `?api=` may name any http(s) backend.
 */
export type BackendConfig = {
  mode: 'mock' | 'remote';
  baseUrl: string;
  /** Connection timings; `?timing=fast` shortens them for QA and browser tests. */
  timing: ClientTiming;
  /** Where the connection engine runs: the page's main thread, or a Web Worker. */
  engine: EngineMode;
  /** Built with `VITE_API_BASE`: no mock backend, no QA kit, `?api=` only from the allow list. */
  deployment: boolean;
  /** Origin of the backend in use: what the operator is shown, and the key their marks live under. */
  origin: string;
  /** `?api=` chose a backend other than the deployment's own (or, in a demo, the page's mock). */
  foreign: boolean;
  /** A `?api=` that was not followed, and why; the dashboard says so on screen. */
  refused?: RefusedApi;
  /** The same refusal in plain English, for logs and the debug handle. */
  problem?: string;
};

export type RefusedApi = { value: string; reason: 'not_http' | 'not_allowed' };

/** What the build says about backends: `VITE_API_BASE` and `VITE_API_ALLOW`, as given. */
export type BuildBackend = { base?: string | undefined; allow?: string | undefined };

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
  pageOrigin: string,
  build: BuildBackend = {},
  workersAvailable = typeof Worker !== 'undefined',
): BackendConfig {
  const params = new URLSearchParams(search);
  const timing = params.get('timing') === 'fast' ? FAST_TIMING : {};
  const engine = chooseEngine(params.get('engine'), workersAvailable);
  const remote = (url: URL, foreign: boolean, deployment: boolean): BackendConfig => ({
    mode: 'remote',
    baseUrl: url.toString().replace(/\/+$/, ''),
    timing,
    engine,
    deployment,
    origin: url.origin,
    foreign,
  });
  const refuse = (config: BackendConfig, value: string, reason: RefusedApi['reason']) => ({
    ...config,
    refused: { value, reason },
    problem:
      reason === 'not_http'
        ? `Ignored ?api=${value}: not an http(s) URL without user or password`
        : `Ignored ?api=${value}: not a backend this deployment allows (VITE_API_ALLOW)`,
  });
  const asked = params.get('api') || null;
  const askedUrl = asked === null ? null : parseHttpUrl(asked);

  if (build.base) {
    const home = parseHttpUrl(build.base);
    // vite.config.ts refuses such a build; a page that got one anyway must not guess a backend.
    if (!home) throw new Error(`VITE_API_BASE is not an http(s) URL: ${build.base}`);
    const own = remote(home, false, true);
    if (asked === null) return own;
    if (!askedUrl) return refuse(own, asked, 'not_http');
    if (askedUrl.origin === home.origin) return remote(askedUrl, false, true);
    if (!allowedOrigins(build.allow).has(askedUrl.origin)) return refuse(own, asked, 'not_allowed');
    return remote(askedUrl, true, true);
  }

  const mock: BackendConfig = {
    mode: 'mock',
    baseUrl: pageOrigin,
    timing,
    engine: 'page',
    deployment: false,
    origin: pageOrigin,
    foreign: false,
  };
  if (asked === null) return mock;
  // A demo build has no backend of its own to protect: its fallback is the page's own mock.
  if (!askedUrl) return refuse(mock, asked, 'not_http');
  return remote(askedUrl, true, false);
}

/**
 * `VITE_API_ALLOW`: comma-separated origins (`https://staging.example.com,http://10.0.0.5:8080`).
 * Paths are ignored (trust is per origin, as the browser's is); entries that are not http(s)
 * URLs are skipped here and refused at build time by vite.config.ts.
 */
export function allowedOrigins(list: string | undefined): ReadonlySet<string> {
  const origins = new Set<string>();
  for (const entry of (list ?? '').split(',')) {
    const url = parseHttpUrl(entry.trim());
    if (url) origins.add(url.origin);
  }
  return origins;
}

/** What the operator is shown for a backend: `host:port` (the port only when the URL names one). */
export function backendHost(baseUrl: string): string {
  const url = parseHttpUrl(baseUrl);
  return url ? url.host : baseUrl;
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

export function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // Credentials in a link would travel with every request and show on screen: refuse them.
    if (url.username || url.password) return null;
    return url;
  } catch {
    return null;
  }
}
