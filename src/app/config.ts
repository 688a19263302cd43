/**
 * Which backend the dashboard talks to. `?api=<base URL>` (a public contract: tests outside the
 * repo use it) wins over the build-time `VITE_API_BASE`; with neither, the embedded mock backend
 * answers at the page's own origin.
 */
export type BackendConfig = {
  mode: 'mock' | 'remote';
  baseUrl: string;
  /** Set when `?api=` was given but unusable; the app falls back to the mock and says so. */
  problem?: string;
};

export function resolveBackend(
  search: string,
  origin: string,
  buildTimeBase?: string,
): BackendConfig {
  const fromUrl = new URLSearchParams(search).get('api');
  if (fromUrl !== null && fromUrl !== '') {
    const url = parseHttpUrl(fromUrl);
    if (url) return { mode: 'remote', baseUrl: url };
    return {
      mode: 'mock',
      baseUrl: origin,
      problem: `Ignored ?api=${fromUrl}: not an http(s) URL`,
    };
  }
  const fromBuild = buildTimeBase ? parseHttpUrl(buildTimeBase) : null;
  if (fromBuild) return { mode: 'remote', baseUrl: fromBuild };
  return { mode: 'mock', baseUrl: origin };
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
