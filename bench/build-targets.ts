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

export async function buildTargets(): Promise<void> {
  await build({
    logLevel: 'warn',
    build: { outDir: APP_DIST, emptyOutDir: true, sourcemap: false },
  });
  await build({
    configFile: path.resolve('bench/naive/vite.config.ts'),
    build: { outDir: NAIVE_DIST, emptyOutDir: true },
  });
}
