import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SubjectName } from '../subject-page';
import { openReady, type BenchContext } from './context';

/**
 * Size: what the built page downloads before it can paint (the entry script and whatever
 * index.html preloads), gzip-compressed as a server would send it, and what is left for later.
 * Then, in the real page: which scripts were requested after the first contentful paint.
 */
export type Chunk = { file: string; gzipKB: number };

export type SizeResult = {
  subject: SubjectName;
  firstLoadKB: number;
  firstLoad: Chunk[];
  later: Chunk[];
  /** First contentful paint and, per script, when it was requested (ms from navigation). */
  firstPaintMs: number;
  requested: { file: string; startMs: number }[];
};

export function staticSize(
  subject: SubjectName,
  dist: string,
): Omit<SizeResult, 'firstPaintMs' | 'requested'> {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const referenced = new Set(
    [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]!),
  );
  const chunk = (file: string): Chunk => ({
    file,
    gzipKB: gzipSync(readFileSync(path.join(dist, file))).byteLength / 1024,
  });
  const all = readdirSync(path.join(dist, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `assets/${file}`);
  const firstLoad = all.filter((file) => referenced.has(file)).map(chunk);
  const later = all.filter((file) => !referenced.has(file)).map(chunk);
  return {
    subject,
    firstLoadKB: firstLoad.reduce((total, item) => total + item.gzipKB, 0),
    firstLoad,
    later,
  };
}

export async function runSize(
  ctx: BenchContext,
  subject: SubjectName,
  dist: string,
): Promise<SizeResult> {
  const base = staticSize(subject, dist);
  // Some data, so the charts (lazy in Pulseboard) are requested and drawn.
  const page = await openReady(ctx, subject, {}, 50);
  try {
    await page.page.waitForSelector('path.recharts-line-curve', { timeout: 20_000 });
    const timing = await page.page.evaluate(() => {
      const paint = performance
        .getEntriesByType('paint')
        .find((entry) => entry.name === 'first-contentful-paint');
      const scripts = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.js'))
        .map((entry) => ({
          file: new URL(entry.name).pathname.slice(1),
          startMs: entry.startTime,
        }));
      return { firstPaintMs: paint?.startTime ?? Number.NaN, requested: scripts };
    });
    return { ...base, ...timing };
  } finally {
    await page.close();
  }
}
