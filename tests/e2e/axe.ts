import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core in the built page: what the accessibility audit and the keyboard walk share. The
 * script is injected from node_modules (a dev dependency), never fetched.
 */
const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** One violation as a line a person can act on: state, rule, impact, element, why. */
export type Finding = {
  state: string;
  rule: string;
  impact: string;
  target: string;
  summary: string;
};

type AxeNode = { target: unknown[]; failureSummary?: string };
type AxeResult = { id: string; impact?: string | null; nodes: AxeNode[] };

/** Injects axe once per document (a reload drops it). */
async function ensureAxe(page: Page) {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
}

/**
 * Waits until nothing animates (toasts sliding in, panels fading), so contrast is measured on
 * what stays on screen, not on a frame half-way through a fade. Polls with a deadline.
 */
export async function settle(page: Page, timeout = 5_000) {
  await page.waitForFunction(
    () => document.getAnimations().every((animation) => animation.playState !== 'running'),
    undefined,
    { timeout, polling: 100 },
  );
}

/**
 * Runs axe over the whole page and returns its violations, each element on its own line: every
 * rule that is not experimental (WCAG 2.0-2.2 A/AA and best practices), or only `rules`.
 */
export async function audit(
  page: Page,
  state: string,
  rules: readonly string[] | null = null,
): Promise<Finding[]> {
  await ensureAxe(page);
  await settle(page);
  const violations = await page.evaluate(async (only) => {
    type Axe = { run(context: Document, options: object): Promise<{ violations: unknown[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      ...(only ? { runOnly: { type: 'rule', values: only } } : {}),
    });
    return result.violations;
  }, rules);
  return (violations as AxeResult[]).flatMap((violation) =>
    violation.nodes.map((node) => ({
      state,
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      target: node.target.map(String).join(' > '),
      summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
    })),
  );
}

export const describeFindings = (findings: readonly Finding[]) =>
  findings.map((f) => `[${f.state}] ${f.rule} (${f.impact}) ${f.target}: ${f.summary}`).join('\n');

/** WCAG contrast ratio of two `rgb()`/`rgba()` colours (alpha ignored: pass opaque colours). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r = 0, g = 0, bl = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
    const channel = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(bl);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
