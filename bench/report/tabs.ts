import type { TabsResult } from '../phases/tabs';
import { percentile } from '../stats';
import { fmt } from './format';
import type { BenchResults, Verdict } from './results';

/** The tabs phase in the report: what the server sees against the number of tabs. */

export function tabsVerdicts(results: BenchResults): Verdict[] {
  const tabs = results.tabs;
  if (!tabs) return [];
  const most = tabs.rows.filter((r) => r.share === 'shared').sort((a, b) => b.tabs - a.tabs)[0];
  const verdicts: Verdict[] = [];
  if (most)
    verdicts.push({
      target: `one connection for ${most.tabs} tabs of one browser`,
      measured: `${most.connections} connection(s), ${most.sessionStarts} session start(s)`,
      met: most.connections === 1 && most.sessionStarts === 1,
    });
  const socket = tabs.handoffSocketMs ?? [];
  if (socket.length > 0) {
    const worst = Math.max(...socket);
    verdicts.push({
      target: 'Web Locks handoff: still one socket within 2 s of the leader tab closing',
      measured: `${fmt(worst)} ms (worst)`,
      met: worst <= 2_000,
    });
  }
  return verdicts;
}

export function renderTabs(results: BenchResults): string[] {
  const tabs: TabsResult | undefined = results.tabs;
  // Figures saved before the phase existed have no section at all, rather than an empty one.
  if (!tabs) return [];
  const parts: string[] = ['## Tabs'];
  parts.push(
    'N tabs of the dashboard in one browser profile (pages of one Chromium context) against the reference server, ' +
      'sharing one engine (the default: a SharedWorker here) and with `?share=off` (each tab its own engine, as before): ' +
      'what the server holds once every tab is live; then, with the feed at about 1,000 messages a second, ' +
      "how busy each tab's main thread is (CDP `TaskDuration` over wall time; mean over the tabs, and the busiest).",
  );
  const counts = [...new Set(tabs.rows.map((r) => r.tabs))];
  const cell = (n: number, share: 'shared' | 'off') => {
    const row = tabs.rows.find((r) => r.tabs === n && r.share === share);
    return row ? `${row.connections} / ${row.sessionStarts}` : '–';
  };
  const busy = (n: number, share: 'shared' | 'off') => {
    const row = tabs.rows.find((r) => r.tabs === n && r.share === share);
    if (row?.busyMean === undefined) return '–';
    const pct = (x: number | undefined) => `${fmt(Math.round((x ?? Number.NaN) * 100))} %`;
    return `${pct(row.busyMean)} (max ${pct(row.busyMax)}) at ${fmt(Math.round(row.rate ?? 0))} msg/s`;
  };
  parts.push(
    [
      '| tabs | shared: connections / session starts | `?share=off`: connections / session starts | shared: main thread busy per tab | `?share=off`: main thread busy per tab |',
      '| ---: | ---: | ---: | ---: | ---: |',
      ...counts.map(
        (n) =>
          `| ${n} | ${cell(n, 'shared')} | ${cell(n, 'off')} | ${busy(n, 'shared')} | ${busy(n, 'off')} |`,
      ),
    ].join('\n'),
  );
  if (tabs.handoffMs.length > 0)
    parts.push(
      `Web Locks handoff (SharedWorker hidden, ${tabs.handoffTabs} tabs, the leader tab closed): one new socket on the server after ` +
        `p50 ${fmt(percentile(tabs.handoffSocketMs ?? [], 50))} ms, every other tab's badge live again after ` +
        `p50 ${fmt(percentile(tabs.handoffMs, 50))} ms (${tabs.handoffMs.map((ms) => `${fmt(ms)} ms`).join(', ')}). ` +
        'With a SharedWorker there is no handoff: the worker outlives any one tab.',
    );
  return parts;
}
