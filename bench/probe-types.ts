/** What the page probe (page-probe.ts) is asked for and what it answers, as the harness sees it. */
export type ProbeOptions = {
  /**
   * Parse every frame a second time to learn which chart each sample belongs to and when it was
   * sent, for message-to-screen delay. Costs about 1 us a message, so ingest phases turn it off.
   */
  trackMessages: boolean;
};

export type ProbeSummary = {
  durationMs: number;
  /** requestAnimationFrame deltas (ms). */
  frames: number[];
  /** Durations of long tasks (> 50 ms) that started in the window. */
  longTasks: number[];
  /** React commits (every root), from the DevTools hook. */
  reactCommits: number;
  /**
   * Renders per component name in the window (function and class components that did work in a
   * commit). Names are readable only in an unminified build (`BENCH_MINIFY=0`).
   */
  renders: Record<string, number>;
  /** Redraws of each chart's line (`path.recharts-line-curve` `d` changes), by metric. */
  redraws: Record<string, number>;
  /** For each animation frame in which at least one chart redrew: how many did. */
  chartsPerRedrawFrame: number[];
  /** Sample send time (server clock, same machine) to the first frame after its chart redrew. */
  delays: number[];
  /** Samples received in the window whose chart had not redrawn by its end; their age then. */
  undrawnAges: number[];
  /** Changes of each panel's `.panel__number` text (only those that really differ). */
  numberChanges: Record<string, number>;
  /** Durations of the app's `pulseboard:redraw` User Timing measures (one per chart redraw). */
  redrawMeasures: number[];
};

/** Since `markReturn()`: how many frames until each named chart had redrawn once. */
export type CatchUp = { frames: number; redrawn: number; measures: number };

export type BenchProbe = {
  begin(): void;
  end(): ProbeSummary;
  /** Seq of the last data message the page has applied to what it shows. */
  appliedSeq(): number;
  /** `Date.now()` of every change of the connection badge to live. */
  liveAt: number[];
  /** Every badge status change, with its `Date.now()`. */
  statusLog: { status: string; at: number }[];
  /** Pulseboard's store commits (NaN elsewhere). */
  storeCommits(): number;
  /** Stops or restarts the probe's own requestAnimationFrame loop. */
  frameLoop(on: boolean): void;
  /** Starts watching for each chart's first redraw and the frames that follow (a tab's return). */
  markReturn(): void;
  /** Null until every named chart redrew since `markReturn()`. */
  catchUp(metrics: string[]): CatchUp | null;
  /** Metric names whose panel intersects the viewport. */
  visibleMetrics(): string[];
  metrics(): string[];
};
