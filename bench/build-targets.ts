import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/**
 * Production builds of what the benchmark serves: the app exactly as `npm run build` makes it
 * (the repository's vite.config.ts) and the naive peer from its own config under bench/naive/.
 * Both go to git-ignored `dist-*` folders of their own, so a benchmark never touches `dist/`.
 */
const PREFIX = process.env.PULSEBOARD_BENCH_DIST ?? 'dist-bench';
export const APP_DIST = path.resolve(PREFIX);
export const NAIVE_DIST = path.resolve(`${PREFIX}-naive`);
export const CEILING_DIR = path.resolve('bench/ceiling');

/**
 * `working-tree` (default) builds the app as it is on disk, which is what someone iterating on a
 * fix wants. Otherwise a git revision: `BENCH_SOURCE=head` builds the last commit,
 * `BENCH_SOURCE=48ee43a` any other (to compare before and after in one sitting). It is exported
 * with `git archive` into the git-ignored `dist-bench-src/` (inside the repository so
 * node_modules resolve; lint and format skip `dist-*` too): what a published figure should be
 * tied to while colleagues have work in progress in the same tree.
 */
export type AppSource = 'working-tree' | { revision: string };

export function appSource(): AppSource {
  const wanted = process.env.BENCH_SOURCE;
  if (!wanted || wanted === 'working-tree') return 'working-tree';
  return { revision: wanted === 'head' ? 'HEAD' : wanted };
}

export async function buildTargets(source: AppSource = appSource()): Promise<void> {
  let root = process.cwd();
  if (source !== 'working-tree') {
    root = path.resolve(`${PREFIX}-src`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    // The default 1 MiB output buffer is smaller than the repository's own archive.
    const archive = execFileSync('git', ['archive', '--format=tar', source.revision], {
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', root], { input: archive });
  }
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    // BENCH_MINIFY=0 keeps names, so profiles and the per-component render tally are readable.
    build: {
      outDir: APP_DIST,
      emptyOutDir: true,
      sourcemap: false,
      ...(process.env.BENCH_MINIFY === '0' ? { minify: false } : {}),
    },
  });
  await build({
    configFile: path.resolve('bench/naive/vite.config.ts'),
    build: { outDir: NAIVE_DIST, emptyOutDir: true },
  });
}
