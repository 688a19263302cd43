import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The first load is what the entry reaches through static imports; whatever sits behind an
 * `import()` is a separate chunk, fetched later. recharts (about 106 kB gzip) must be behind one.
 */
const SRC = path.resolve('src');
const ENTRY = path.join(SRC, 'main.tsx');
const METRIC_PANEL = path.join(SRC, 'ui/metrics/MetricPanel.tsx');
const METRIC_CHART = path.join(SRC, 'ui/metrics/MetricChart.tsx');
const CHART_LIBRARY = /^recharts(\/|$)/;

type Imports = { static: string[]; dynamic: string[] };

/** What a module imports: statically (bundled with it) and through `import()`. */
function importsOf(file: string): Imports {
  const text = readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: Imports = { static: [], dynamic: [] };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import type` is erased; anything else (even `import { type X }`, under
      // verbatimModuleSyntax) loads the module.
      if (node.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword)
        found.static.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) found.static.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteralLike(specifier)) found.dynamic.push(specifier.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names, or null for a package. Fails loudly on one it cannot find. */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((end) => base + end);
  const file = candidates.find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (!file) throw new Error(`${path.relative(SRC, from)}: cannot resolve '${specifier}'`);
  return file;
}

/** Every module the entry reaches through static imports, with the packages each one imports. */
function firstLoad(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    const packages: string[] = [];
    reached.set(file, packages);
    for (const specifier of importsOf(file).static) {
      const target = resolve(file, specifier);
      if (target === null) packages.push(specifier);
      // Stylesheets and other assets import nothing.
      else if (/\.tsx?$/.test(target)) queue.push(target);
    }
  }
  return reached;
}

const relative = (file: string) => path.relative(SRC, file);

describe('code splitting', () => {
  it('keeps recharts out of every module the entry reaches through static imports', () => {
    const reached = firstLoad(ENTRY);
    // The scan does reach the dashboard's grid: it is not passing for want of following imports.
    expect([...reached.keys()].map(relative)).toEqual(
      expect.arrayContaining([
        'main.tsx',
        'App.tsx',
        'ui/shell/Dashboard.tsx',
        'ui/shell/PanelGrid.tsx',
      ]),
    );
    const chartImports = [...reached].flatMap(([file, packages]) =>
      packages
        .filter((name) => CHART_LIBRARY.test(name))
        .map((name) => `${relative(file)}: ${name}`),
    );
    expect(chartImports).toEqual([]);
    expect([...reached.keys()].map(relative)).not.toContain(relative(METRIC_CHART));
  });

  it('loads the metric panels with the first data, not the first paint, and recharts after them', () => {
    const reached = [...firstLoad(ENTRY).keys()].map(relative);
    expect(reached).not.toContain(relative(METRIC_PANEL));
    const grid = path.join(SRC, 'ui/shell/PanelGrid.tsx');
    expect(importsOf(grid).dynamic.map((s) => relative(resolve(grid, s)!))).toContain(
      relative(METRIC_PANEL),
    );
    const panel = [...firstLoad(METRIC_PANEL)];
    expect(panel.flatMap(([, packages]) => packages.filter((n) => CHART_LIBRARY.test(n)))).toEqual(
      [],
    );
  });

  it('keeps both engines and the sharing routes out of the first load: the entry fetches its client', () => {
    const reached = [...firstLoad(ENTRY).keys()].map(relative);
    for (const file of [
      'realtime/engine.ts',
      'realtime/machine.ts',
      'realtime/worker-client.ts',
      'realtime/shared-client.ts',
      'app/client-factories.ts',
      'app/sharing/lock-leader.ts',
    ])
      expect(reached).not.toContain(file);
    const entry = importsOf(ENTRY).dynamic.map((specifier) => relative(resolve(ENTRY, specifier)!));
    expect(entry).toEqual(
      expect.arrayContaining(['app/worker-client-factory.ts', 'app/page-client-factory.ts']),
    );
  });

  it('keeps toasts, announcements and notifications out of the first load', () => {
    const reached = firstLoad(ENTRY);
    const files = [...reached.keys()].map(relative);
    for (const file of [
      'ui/alerts/AlertToasts.tsx',
      'ui/alerts/AlertAnnouncer.tsx',
      'ui/notify/use-notify.ts',
      'ui/metrics/spc/use-spc-alerts.ts',
    ])
      expect(files).not.toContain(file);
    const eager = [...reached].flatMap(([file, packages]) =>
      packages.filter((name) => name === 'react-hot-toast').map(() => relative(file)),
    );
    expect(eager).toEqual([]);
  });

  it('keeps the alert log view and the CSV writer out of the first load, but not the log record', () => {
    const reached = firstLoad(ENTRY);
    const files = [...reached.keys()].map(relative);
    // The record must run from the start to see alerts the store later drops.
    expect(files).toEqual(
      expect.arrayContaining(['ui/alert-log/AlertLogButton.tsx', 'store/alert-log-recorder.ts']),
    );
    expect(files).not.toContain('ui/alert-log/AlertLogDialog.tsx');
    expect(files).not.toContain('ui/export/csv.ts');
    const lazyOnly = /^(papaparse|@tanstack\/react-virtual)(\/|$)/;
    const eager = [...reached].flatMap(([file, packages]) =>
      packages.filter((name) => lazyOnly.test(name)).map((name) => `${relative(file)}: ${name}`),
    );
    expect(eager).toEqual([]);
  });

  it('loads the chart module, which holds recharts, only through a dynamic import from the metric panel', () => {
    const panel = importsOf(METRIC_PANEL);
    expect(panel.dynamic.map((specifier) => resolve(METRIC_PANEL, specifier))).toContain(
      METRIC_CHART,
    );
    expect(panel.static.map((specifier) => resolve(METRIC_PANEL, specifier))).not.toContain(
      METRIC_CHART,
    );
    expect(importsOf(METRIC_CHART).static.filter((name) => CHART_LIBRARY.test(name))).toEqual([
      'recharts',
    ]);
  });
});
