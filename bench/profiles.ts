/**
 * How long and how hard each phase runs. `full` is what docs/performance.md reports; `quick` is
 * for iterating on a fix (same phases, shorter windows, regenerates the doc marked as quick);
 * `smoke` only proves the harness runs end to end (CI), at tiny rates, and writes no doc.
 */
export type Profile = {
  name: 'full' | 'quick' | 'smoke';
  writeDocs: boolean;
  /** Message shapes the ingest phase measures. */
  shapes: readonly ('single' | 'batched')[];
  /** Samples per message in the batched ingest scenario. */
  batchSize: number;
  /** Points per series pushed before any measurement, so charts are at steady-state size. */
  prefillPerSeries: number;
  floodWarmupSeconds: number;
  floodSeconds: number;
  /** Length of each sustained-ingest trial (the 30 s). */
  sustainSeconds: number;
  /**
   * The naive peer's trials are shorter: it falls behind within seconds at any rate near its
   * capacity, and a shorter trial can only flatter it (less time for a backlog to show).
   */
  naiveSustainSeconds: number;
  /** Trial rates as fractions of the measured flood capacity, tried in order until one holds. */
  sustainFractions: readonly number[];
  /**
   * Fewer for the naive peer: each failed trial costs a fresh page whose 54k-point charts take
   * it tens of seconds to draw, and an upper bound on its rate is enough for the ratio.
   */
  naiveSustainFractions: readonly number[];
  /** Message rates for the redraw / smoothness runs (single-sample messages). */
  rates: readonly number[];
  /** More rates for the default engine and the bare page only (issue 16's 15,000 msg/s). */
  peakRates: readonly number[];
  rateWarmupSeconds: number;
  rateSeconds: number;
  /** Samples per message while soaking (memory only; big messages make the soak short). */
  soakBatch: number;
  /** Hours of 10 samples/s per series the soak pushes. */
  soakHours: number;
  soakCapSeconds: number;
  reconnectCycles: number;
  cycleCapSeconds: number;
  restarts: number;
  outageMs: number;
  /** Length of the hostile flood (the 10 s). */
  hostileSeconds: number;
  /** The cost phase (issue 16): windows of what the main thread pays for what changes. */
  cost: {
    /** Twelve charts in view at 5,000 msg/s (off in the smoke run: CI time). */
    twelveCharts: boolean;
    windowSeconds: number;
    /** No messages at all: the main thread with the feed idle (the 60 s). */
    idleSeconds: number;
    /** The tab hidden with the feed at 100 msg/s. */
    hiddenSeconds: number;
  };
  /**
   * Engines the hostile flood runs against. A page that does not cope can take minutes to answer
   * again, so the smoke run (CI) tries only the default one.
   */
  hostileSubjects: readonly ('pulseboard-worker' | 'pulseboard')[];
  /**
   * Whether the comparisons run beside Pulseboard in the rates, memory and recovery phases (the
   * naive peer, recovery on fast timings) and the tabs phase tries 1, 2, 5 and 10 tabs. Off in
   * the smoke run: it proves each phase runs, not how Pulseboard compares (CI time).
   */
  comparisons: boolean;
};

export const PROFILES: Record<Profile['name'], Profile> = {
  full: {
    name: 'full',
    writeDocs: true,
    shapes: ['single', 'batched'],
    batchSize: 30,
    prefillPerSeries: 9_000,
    floodWarmupSeconds: 2,
    floodSeconds: 4,
    sustainSeconds: 30,
    naiveSustainSeconds: 10,
    sustainFractions: [0.85, 0.6, 0.4],
    naiveSustainFractions: [0.85, 0.4],
    rates: [100, 1_000, 5_000],
    peakRates: [15_000],
    rateWarmupSeconds: 2,
    rateSeconds: 6,
    soakBatch: 120,
    soakHours: 8,
    soakCapSeconds: 40,
    reconnectCycles: 500,
    cycleCapSeconds: 60,
    restarts: 5,
    outageMs: 2_000,
    hostileSeconds: 10,
    cost: { twelveCharts: true, windowSeconds: 6, idleSeconds: 60, hiddenSeconds: 5 },
    hostileSubjects: ['pulseboard-worker', 'pulseboard'],
    comparisons: true,
  },
  quick: {
    name: 'quick',
    writeDocs: true,
    shapes: ['single', 'batched'],
    batchSize: 30,
    prefillPerSeries: 9_000,
    floodWarmupSeconds: 1,
    floodSeconds: 3,
    sustainSeconds: 8,
    naiveSustainSeconds: 5,
    sustainFractions: [0.85, 0.6, 0.4],
    naiveSustainFractions: [0.85, 0.4],
    rates: [100, 1_000, 5_000],
    peakRates: [15_000],
    rateWarmupSeconds: 1,
    rateSeconds: 4,
    soakBatch: 120,
    soakHours: 1,
    soakCapSeconds: 15,
    reconnectCycles: 100,
    cycleCapSeconds: 30,
    restarts: 3,
    outageMs: 1_000,
    hostileSeconds: 5,
    cost: { twelveCharts: true, windowSeconds: 4, idleSeconds: 10, hiddenSeconds: 3 },
    hostileSubjects: ['pulseboard-worker', 'pulseboard'],
    comparisons: true,
  },
  smoke: {
    name: 'smoke',
    writeDocs: false,
    shapes: ['single'],
    batchSize: 10,
    prefillPerSeries: 100,
    floodWarmupSeconds: 0.3,
    floodSeconds: 0.7,
    sustainSeconds: 1,
    naiveSustainSeconds: 1,
    sustainFractions: [0.5],
    naiveSustainFractions: [0.5],
    rates: [200],
    peakRates: [],
    rateWarmupSeconds: 0.3,
    rateSeconds: 1,
    soakBatch: 60,
    soakHours: 0.01,
    soakCapSeconds: 3,
    reconnectCycles: 3,
    cycleCapSeconds: 10,
    restarts: 1,
    outageMs: 300,
    hostileSeconds: 1,
    cost: { twelveCharts: false, windowSeconds: 1, idleSeconds: 2, hiddenSeconds: 1 },
    hostileSubjects: ['pulseboard-worker'],
    comparisons: false,
  },
};
