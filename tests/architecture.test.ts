import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rooms of docs/architecture.md, checked from the source: the folder-level import graph has
 * no cycle and every edge goes the allowed way; no source file is over 400 lines.
 */

const ROOTS = ['src', 'mocks', 'backend', 'server'];
const MAX_LINES = 400;

/**
 * Which folders each folder may import. `src` is the entry (main.tsx, App.tsx). The UI is one
 * room per feature: `src/ui/shared` (contexts, environment, generic hooks) at the bottom, then
 * `src/ui/i18n`, then the features, which import only those two, never each other; the shell
 * lays the features out. Anything not listed here is a new room: add it on purpose.
 */
const UI_BASE = ['src/realtime', 'src/store', 'src/app'];
// `src/ui/export` (CSV and downloads) sits beside i18n: the metric panels and the alert log both
// export, and features never import each other.
const UI_EXPORT = [...UI_BASE, 'src/ui/shared', 'src/ui/i18n'];
const UI_FEATURE = [...UI_EXPORT, 'src/ui/export'];
const UI_FEATURES = [
  'src/ui/connection',
  'src/ui/metrics',
  'src/ui/alerts',
  'src/ui/toolbar',
  'src/ui/notify',
  'src/ui/alert-log',
  'src/ui/layout',
  'src/ui/topics',
];
const ALLOWED: Record<string, readonly string[]> = {
  'src/realtime': [],
  'src/store': ['src/realtime'],
  'src/app': ['src/realtime', 'src/store'],
  'src/ui/shared': UI_BASE,
  'src/ui/i18n': [...UI_BASE, 'src/ui/shared'],
  'src/ui/export': UI_EXPORT,
  ...Object.fromEntries(UI_FEATURES.map((feature) => [feature, UI_FEATURE])),
  'src/ui/shell': [...UI_FEATURE, ...UI_FEATURES],
  // The QA kit drives the embedded mock backend; it is only loaded in mock mode (main.tsx).
  'src/ui/qa': ['mocks', 'backend'],
  src: ['src/realtime', 'src/store', 'src/app', 'src/ui/shared', 'src/ui/shell', 'src/ui/qa'],
  // The wire protocol (src/realtime/protocol.ts) is the one contract every side shares.
  backend: ['src/realtime'],
  mocks: ['backend', 'src/realtime'],
  server: ['backend', 'src/realtime'],
};

/** Packages the realtime core must never reach: it runs in a Web Worker, with no React or DOM. */
const CORE_FORBIDDEN = /^(react|react-dom|react-hot-toast|recharts|zustand|msw)(\/|$)/;

type Edge = { from: string; to: string; file: string; specifier: string };

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Every module specifier a file names: static, side-effect, re-export, dynamic, worker URL. */
function specifiersOf(code: string): string[] {
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\w])\/\/.*$/gm, '$1');
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew\s+URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!));
}

/** The room a file (or a folder, as `../realtime` names its index) belongs to. */
function folderOf(file: string): string {
  let target = file;
  if (existsSync(target) && statSync(target).isDirectory()) target = path.join(target, 'index.ts');
  const parts = path.relative('.', target).split(path.sep);
  if (parts[0] !== 'src') return parts[0]!;
  if (parts.length === 2) return 'src';
  if (parts[1] === 'ui' && parts.length > 3) return `src/ui/${parts[2]}`;
  return `src/${parts[1]}`;
}

function permits(from: string, to: string): boolean {
  return (ALLOWED[from] ?? []).includes(to);
}

/** A cycle as a path `a -> b -> a`, or null when the graph has none. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | null => {
    const at = onPath.indexOf(node);
    if (at !== -1) return [...onPath.slice(at), node];
    if (done.has(node)) return null;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

const files = ROOTS.flatMap(sourceFiles);
const edges: Edge[] = files.flatMap((file) =>
  specifiersOf(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({
      from: folderOf(file),
      to: folderOf(path.resolve(path.dirname(file), specifier)),
      file,
      specifier,
    }))
    .filter((edge) => edge.from !== edge.to),
);
const graph = new Map<string, Set<string>>();
for (const { from, to } of edges) graph.set(from, (graph.get(from) ?? new Set()).add(to));

describe('the import graph between folders', () => {
  it('reads every kind of import a file can make', () => {
    const code = [
      "import { a } from './a';",
      "import type {\n  B,\n} from '../b';",
      "export { c } from './c';",
      "import './d.css';",
      "const e = await import('./e');",
      "new Worker(new URL('../f.ts', import.meta.url));",
      "// import { g } from './g';",
      "const url = 'http://example.test'; // from './h'",
    ].join('\n');
    expect(specifiersOf(code).sort()).toEqual(['../b', '../f.ts', './a', './c', './d.css', './e']);
  });

  it('finds a cycle between folders, and none in a chain', () => {
    const cyclic = new Map([
      ['src/app', new Set(['src/ui'])],
      ['src/ui', new Set(['src/app'])],
    ]);
    expect(findCycle(cyclic)).toEqual(['src/app', 'src/ui', 'src/app']);
    const chain = new Map([
      ['src/ui', new Set(['src/store'])],
      ['src/store', new Set(['src/realtime'])],
    ]);
    expect(findCycle(chain)).toBeNull();
  });

  it('sees the source (a graph with the folders the design names)', () => {
    const rooms = ['src', 'src/app', 'src/store', 'mocks', 'backend', 'server', 'src/ui/shell'];
    rooms.push('src/ui/shared', 'src/ui/i18n', 'src/ui/export', 'src/ui/qa', ...UI_FEATURES);
    for (const folder of rooms) expect(graph.has(folder), folder).toBe(true);
  });

  it('has no two folders that import each other, directly or round a cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('has every import going the way the layers allow', () => {
    const wrong = edges
      .filter((edge) => !permits(edge.from, edge.to))
      .map((edge) => `${edge.from} -> ${edge.to} (${edge.file}: '${edge.specifier}')`);
    expect(wrong).toEqual([]);
  });

  it('keeps the realtime core free of React, the store, the UI and the page', () => {
    const core = files.filter((file) => folderOf(file) === 'src/realtime');
    const reached = core.flatMap((file) =>
      specifiersOf(readFileSync(file, 'utf8'))
        .filter((specifier) =>
          specifier.startsWith('.')
            ? folderOf(path.resolve(path.dirname(file), specifier)) !== 'src/realtime'
            : CORE_FORBIDDEN.test(specifier),
        )
        .map((specifier) => `${file}: '${specifier}'`),
    );
    expect(reached).toEqual([]);
  });
});

describe('the size of source files', () => {
  it.each(files)(`%s has at most ${MAX_LINES} lines`, (file) => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(MAX_LINES);
  });
});
