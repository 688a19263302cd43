import type { AppSource } from './build-targets';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** Where and on what the figures were taken: they mean little without it. */
export type Machine = {
  date: string;
  cpu: string;
  cores: number;
  memoryGB: number;
  loadAverage: string;
  os: string;
  node: string;
  browser: string;
  commit: string;
};

export function describeMachine(browserVersion: string, source: AppSource): Machine {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return '';
    }
  };
  // A shared working tree is usually dirty; say so rather than pretend the commit is the code.
  const dirty =
    source === 'working-tree' &&
    git('status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts') !== '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    browser: `Chromium ${browserVersion} (headless)`,
    commit:
      source !== 'working-tree'
        ? `${git('rev-parse', '--short', source.revision) || source.revision} (the commit, built with BENCH_SOURCE)`
        : `${git('rev-parse', '--short', 'HEAD') || 'unknown'}` +
          (dirty ? ' + uncommitted changes in src/ (the working tree was built)' : ''),
  };
}
