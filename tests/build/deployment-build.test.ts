// @vitest-environment node
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a deployment build (VITE_API_BASE set) ships, checked on real `vite build` output: no
 * demo in it (docs/security.md), while a demo build without VITE_API_BASE keeps its demo.
 */
const run = promisify(execFile);
const VITE = path.resolve('node_modules/vite/bin/vite.js');
// Per process, so two people running this at once do not build into the same folder.
const DEPLOY_DIR = path.resolve(`dist-deploy-test-${process.pid}`);
const DEMO_DIR = path.resolve(`dist-demo-test-${process.pid}`);

async function build(outDir: string, env: Record<string, string>) {
  const base = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('VITE_')) delete base[key];
  return run(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir'], {
    env: { ...base, NODE_ENV: 'production', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.replace(/\\/g, '/'));
}

function allJs(dir: string): string {
  return files(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

/** Strings only the demo's code carries: MSW's worker and log prefix, the QA kit, `?scenario=`. */
const DEMO_MARKERS = ['mockServiceWorker', '[MSW]', 'setupWorker', 'start-qa-mode', 'scenario='];

describe('a deployment build', () => {
  beforeAll(async () => {
    await build(DEPLOY_DIR, {
      VITE_API_BASE: 'https://pulse.example.com',
      VITE_API_ALLOW: 'https://staging.example.com',
    });
    await build(DEMO_DIR, {});
  }, 240_000);
  afterAll(() => {
    rmSync(DEPLOY_DIR, { recursive: true, force: true });
    rmSync(DEMO_DIR, { recursive: true, force: true });
  });

  it('ships no mockServiceWorker.js and no source maps', () => {
    const shipped = files(DEPLOY_DIR);
    expect(shipped).toContain('index.html');
    expect(shipped).not.toContain('mockServiceWorker.js');
    expect(shipped.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(allJs(DEPLOY_DIR)).not.toContain('sourceMappingURL');
  });

  it('contains no MSW code, no QA kit and no ?scenario= handling', () => {
    const js = allJs(DEPLOY_DIR);
    for (const marker of DEMO_MARKERS) expect(js, marker).not.toContain(marker);
    // Judge the chunk's name, not its content hash: a hash such as "CqAbkd3m" spells "qA".
    const chunkName = (f: string) => f.replace(/-[\w-]{8}\.(js|css)$/, '');
    expect(files(DEPLOY_DIR).filter((f) => /qa/i.test(chunkName(f)))).toEqual([]);
  });

  it('keeps first-load JavaScript within 100 kB gzip (the demo build too)', () => {
    // What index.html loads or preloads, gzip-compressed as a server sends it: bench/phases/size.ts
    // measures the same. Anything the first screen does not need belongs behind an import().
    for (const dir of [DEPLOY_DIR, DEMO_DIR]) {
      const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
      const scripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map(
        (m) => m[1]!,
      );
      const kB = scripts
        .map((file) => gzipSync(readFileSync(path.join(dir, file))).byteLength / 1024)
        .reduce((total, size) => total + size, 0);
      expect(scripts.length).toBeGreaterThan(0);
      expect(kB, `${path.basename(dir)}: ${scripts.join(', ')}`).toBeLessThanOrEqual(100);
    }
  });

  it('carries its own backend and allow list', () => {
    const js = allJs(DEPLOY_DIR);
    expect(js).toContain('https://pulse.example.com');
    expect(js).toContain('https://staging.example.com');
  });

  it('while a demo build still has the mock backend and the QA kit', () => {
    expect(files(DEMO_DIR)).toContain('mockServiceWorker.js');
    const js = allJs(DEMO_DIR);
    for (const marker of DEMO_MARKERS) expect(js, marker).toContain(marker);
    expect(files(DEMO_DIR).filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('refuses to build with a VITE_API_BASE that is not an http(s) URL', async () => {
    const dir = `${DEPLOY_DIR}-bad`;
    await expect(build(dir, { VITE_API_BASE: 'pulse.example.com' })).rejects.toThrow(
      /VITE_API_BASE must be an http\(s\) URL/,
    );
    expect(existsSync(path.join(dir, 'index.html'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
