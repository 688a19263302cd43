import type { BackendTuning, MockBackend } from './mock-backend';

/**
 * A scenario scripts a MockBackend over time: faults switched on and off, sessions expired,
 * frames mangled. It touches only the transport-free backend, so one definition drives the MSW
 * mocks (browser demo, vitest) and the reference server (real sockets) alike. Time comes from the
 * backend's clock, so under fake timers a scenario is as deterministic as the test.
 */

/** One knob of a scenario: a number with a default and a line of documentation. */
export type ParamSpec = { readonly default: number; readonly doc: string };
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: number };

export type Repeat = {
  /** Delay before the first run. */
  firstMs: number;
  /** Delay between runs; a function is asked again each time (random intervals). */
  everyMs: number | (() => number);
  /** How many runs; 0 means no limit. */
  count: number;
};

export interface ScenarioContext {
  readonly backend: MockBackend;
  readonly random: () => number;
  /** Run `action` once, `ms` from now (cancelled if the scenario stops first). */
  after(ms: number, action: () => void): void;
  /** Run `action` on a schedule; it receives the 0-based run number. */
  repeat(schedule: Repeat, action: (run: number) => void): void;
  /** Say what is happening now: the QA panel, the server log and tests read it. */
  phase(label: string): void;
  /** Undo something when the scenario stops (faults are reset by the runner anyway). */
  onStop(cleanup: () => void): void;
}

export type Scenario = {
  readonly name: string;
  /** One sentence: what the backend does. */
  readonly summary: string;
  /** One sentence: what a correct dashboard shows. */
  readonly expect: string;
  readonly params: ParamSpecs;
  /** Backend timings the scenario needs (a short heartbeat, say), from its params. */
  readonly tuning?: (params: Readonly<Record<string, number>>) => BackendTuning;
  run(context: ScenarioContext, params: Readonly<Record<string, number>>): void;
};

/** Declares a scenario with typed params; the name must be kebab-case (it goes in URLs). */
export function defineScenario<S extends ParamSpecs>(definition: {
  name: string;
  summary: string;
  expect: string;
  params: S;
  tuning?: (params: ParamValues<S>) => BackendTuning;
  run(context: ScenarioContext, params: ParamValues<S>): void;
}): Scenario {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(definition.name))
    throw new Error(`Expected a kebab-case scenario name but got "${definition.name}"`);
  return definition as unknown as Scenario;
}

/** A scenario chosen by name, with the params that differ from its defaults. */
export type ScenarioSpec = { name: string; params: Record<string, number> };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses `name;key=value;key=value,name2` — the form used by `?scenario=`, `--scenario` and the
 * control endpoint. Comma composes scenarios; unknown names and params are reported, not thrown,
 * because the text comes from a URL or a command line.
 */
export function parseScenarioSpec(
  text: string,
  catalogue: ReadonlyMap<string, Scenario>,
): Parsed<ScenarioSpec[]> {
  const specs: ScenarioSpec[] = [];
  for (const item of text.split(',')) {
    const [rawName = '', ...pairs] = item.split(';').map((part) => part.trim());
    if (rawName === '') continue;
    const scenario = catalogue.get(rawName);
    if (!scenario) {
      return {
        ok: false,
        error: `Unknown scenario "${rawName}"; known: ${[...catalogue.keys()].join(', ')}`,
      };
    }
    const params: Record<string, number> = {};
    for (const pair of pairs) {
      if (pair === '') continue;
      const [key = '', value = ''] = pair.split('=').map((part) => part.trim());
      if (!(key in scenario.params)) {
        const known = Object.keys(scenario.params).join(', ') || 'none';
        return { ok: false, error: `Scenario "${rawName}" has no param "${key}"; known: ${known}` };
      }
      const number = Number(value);
      if (value === '' || !Number.isFinite(number) || number < 0) {
        return {
          ok: false,
          error: `Expected ${rawName}.${key} to be a number >= 0, got "${value}"`,
        };
      }
      params[key] = number;
    }
    specs.push({ name: rawName, params });
  }
  return { ok: true, value: specs };
}

/** The inverse of `parseScenarioSpec`, for links and logs. */
export function formatScenarioSpec(specs: readonly ScenarioSpec[]): string {
  return specs
    .map((spec) =>
      [spec.name, ...Object.entries(spec.params).map(([key, value]) => `${key}=${value}`)].join(
        ';',
      ),
    )
    .join(',');
}

export type PhaseEntry = { atMs: number; scenario: string; label: string };

export type RunnerState = {
  specs: readonly ScenarioSpec[];
  /** Newest last, capped. */
  phases: readonly PhaseEntry[];
};

const MAX_PHASES = 50;

/**
 * Runs a set of scenarios against one backend. Switching scenarios stops the old timers, resets
 * the faults and timings to how they were, then starts the new ones: the backend itself (its
 * epoch, sessions and log) carries on, as a real server would while QA changes the weather.
 */
export class ScenarioRunner {
  private stops: (() => void)[] = [];
  private state: RunnerState = { specs: [], phases: [] };
  private readonly listeners = new Set<(state: RunnerState) => void>();
  private readonly baseline: BackendTuning;
  private startedAt = 0;

  constructor(
    private readonly backend: MockBackend,
    private readonly catalogue: ReadonlyMap<string, Scenario>,
  ) {
    this.baseline = backend.tuning;
  }

  get current(): RunnerState {
    return this.state;
  }

  /** Stops what runs and starts `specs` (a programmer error, such as an unknown name, throws). */
  run(specs: readonly ScenarioSpec[]): void {
    const resolved = specs.map((spec) => {
      const scenario = this.catalogue.get(spec.name);
      if (!scenario) throw new Error(`Expected a known scenario name but got "${spec.name}"`);
      return { scenario, params: withDefaults(scenario, spec.params) };
    });
    this.stop();
    this.startedAt = this.backend.clock.now();
    this.state = { specs: specs.map((spec) => ({ ...spec })), phases: [] };
    for (const { scenario, params } of resolved) {
      if (scenario.tuning) this.backend.tune(scenario.tuning(params));
    }
    for (const { scenario, params } of resolved) {
      const context = this.contextFor(scenario.name);
      context.phase('started');
      scenario.run(context, params);
    }
    this.emit();
  }

  /** Stops every scenario timer and puts faults and timings back to their baseline. */
  stop(): void {
    const stops = this.stops;
    this.stops = [];
    for (const stop of stops) stop();
    this.backend.resetFaults();
    this.backend.tune(this.baseline);
  }

  subscribe(listener: (state: RunnerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private contextFor(name: string): ScenarioContext {
    const { backend } = this;
    const { clock } = backend;
    const handles = new Set<unknown>();
    let stopped = false;
    const after = (ms: number, action: () => void) => {
      const handle = clock.setTimeout(() => {
        handles.delete(handle);
        if (!stopped) action();
      }, ms);
      handles.add(handle);
    };
    this.stops.push(() => {
      stopped = true;
      for (const handle of handles) clock.clearTimeout(handle);
      handles.clear();
    });
    return {
      backend,
      random: backend.random,
      after,
      repeat: ({ firstMs, everyMs, count }, action) => {
        let run = 0;
        const next = (ms: number) =>
          after(ms, () => {
            action(run++);
            if (count === 0 || run < count)
              next(typeof everyMs === 'function' ? everyMs() : everyMs);
          });
        next(firstMs);
      },
      phase: (label) => {
        const entry = { atMs: clock.now() - this.startedAt, scenario: name, label };
        this.state = {
          ...this.state,
          phases: [...this.state.phases, entry].slice(-MAX_PHASES),
        };
        this.emit();
      },
      onStop: (cleanup) => this.stops.push(cleanup),
    };
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.state);
  }
}

function withDefaults(scenario: Scenario, given: Record<string, number>): Record<string, number> {
  const params: Record<string, number> = {};
  for (const [key, spec] of Object.entries(scenario.params))
    params[key] = given[key] ?? spec.default;
  for (const key of Object.keys(given)) {
    if (!(key in scenario.params))
      throw new Error(`Expected a param of "${scenario.name}" but got "${key}"`);
  }
  return params;
}
