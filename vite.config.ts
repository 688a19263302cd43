import { rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * A build with VITE_API_BASE is a deployment (docs/security.md): it talks to that backend, takes
 * `?api=` only for the origins in VITE_API_ALLOW, and ships no demo: no MSW worker script, no QA
 * kit (main.tsx's import of it folds away), no source maps unless VITE_SOURCEMAP=true.
 */
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  const deployment = Boolean(env.VITE_API_BASE);
  if (deployment) checkDeploymentEnv(env.VITE_API_BASE ?? '', env.VITE_API_ALLOW ?? '');
  return {
    plugins: [react(), ...(deployment ? [withoutMockWorker()] : [])],
    server: { host: '127.0.0.1', port: 5173 },
    preview: { host: '127.0.0.1', port: 4173 },
    build: { sourcemap: env.VITE_SOURCEMAP === 'true' },
  };
});

/** Refuse to build a deployment whose backend settings the page would have to guess at. */
function checkDeploymentEnv(base: string, allow: string) {
  if (!isHttpUrl(base)) throw new Error(`VITE_API_BASE must be an http(s) URL, got: ${base}`);
  for (const entry of allow.split(',').map((s) => s.trim())) {
    if (entry !== '' && !isHttpUrl(entry))
      throw new Error(`VITE_API_ALLOW must list http(s) origins, comma-separated; got: ${entry}`);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username;
  } catch {
    return false;
  }
}

/**
 * `public/` is copied into every build, and with it MSW's service worker script: a deployment
 * must not serve a script that can answer for its backend, so it is deleted from the output.
 */
function withoutMockWorker(): Plugin {
  let outDir = '';
  return {
    name: 'pulseboard:without-mock-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      rmSync(path.join(outDir, 'mockServiceWorker.js'), { force: true });
    },
  };
}
