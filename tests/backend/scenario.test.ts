import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockBackend } from '../../backend/mock-backend';
import {
  defineScenario,
  formatScenarioSpec,
  parseScenarioSpec,
  ScenarioRunner,
  type Scenario,
} from '../../backend/scenario';
import { SCENARIO_CATALOGUE, SCENARIOS } from '../../backend/scenarios';

const parse = (text: string) => parseScenarioSpec(text, SCENARIO_CATALOGUE);

describe('scenario specs', () => {
  it('parses names, params and comma-composed scenarios', () => {
    expect(parse('slow-network;latencyMs=300,session-expiry;firstMs=500;everyMs=0')).toEqual({
      ok: true,
      value: [
        { name: 'slow-network', params: { latencyMs: 300 } },
        { name: 'session-expiry', params: { firstMs: 500, everyMs: 0 } },
      ],
    });
    expect(parse('')).toEqual({ ok: true, value: [] });
  });

  it('reports unknown names, unknown params and bad numbers instead of throwing', () => {
    expect(parse('nope')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/known: steady/),
    });
    expect(parse('burst;speed=9')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no param "speed"; known: firstMs/),
    });
    expect(parse('burst;forMs=-1')).toMatchObject({ ok: false });
    expect(parse('burst;forMs=')).toMatchObject({ ok: false });
  });

  it('formats back to the same text, for links', () => {
    const text = 'half-open;firstMs=100;heartbeatMs=500,steady';
    const parsed = parse(text);
    expect(parsed.ok && formatScenarioSpec(parsed.value)).toBe(text);
  });

  it('names every scenario in kebab-case and documents every param', () => {
    for (const scenario of SCENARIOS) {
      expect(scenario.summary.length).toBeGreaterThan(20);
      expect(scenario.expect.length).toBeGreaterThan(20);
      for (const spec of Object.values(scenario.params)) expect(spec.doc).not.toBe('');
    }
    expect(() =>
      defineScenario({ name: 'Bad Name', summary: '', expect: '', params: {}, run() {} }),
    ).toThrow(/kebab-case/);
  });
});

describe('the scenario runner', () => {
  let backend: MockBackend;
  let runner: ScenarioRunner;
  const ticker: Scenario = defineScenario({
    name: 'ticker',
    summary: 'counts',
    expect: '',
    params: { everyMs: { default: 100, doc: 'beat' }, count: { default: 3, doc: 'runs' } },
    tuning: () => ({ heartbeatMs: 1_234 }),
    run(ctx, p) {
      ctx.backend.faults.latencyMs = 50;
      ctx.repeat({ firstMs: p.everyMs, everyMs: p.everyMs, count: p.count }, (run) =>
        ctx.phase(`run ${run}`),
      );
    },
  });

  beforeEach(() => {
    vi.useFakeTimers();
    backend = new MockBackend();
    runner = new ScenarioRunner(backend, new Map([[ticker.name, ticker]]));
  });
  afterEach(() => vi.useRealTimers());

  it('runs a repeat exactly count times, on the backend clock, and records phases with times', async () => {
    runner.run([{ name: 'ticker', params: {} }]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runner.current.phases.map((p) => [p.atMs, p.label])).toEqual([
      [0, 'started'],
      [100, 'run 0'],
      [200, 'run 1'],
      [300, 'run 2'],
    ]);
  });

  it('applies its tuning and, when switched, stops its timers and restores faults and tuning', async () => {
    const baseline = backend.heartbeatMs;
    runner.run([{ name: 'ticker', params: { count: 0 } }]);
    expect(backend.heartbeatMs).toBe(1_234);
    expect(backend.faults.latencyMs).toBe(50);
    await vi.advanceTimersByTimeAsync(150);
    runner.run([]);
    expect(backend.heartbeatMs).toBe(baseline);
    expect(backend.faults.latencyMs).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runner.current.phases).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('tells subscribers about every phase', async () => {
    const seen: string[] = [];
    runner.subscribe((state) => seen.push(state.phases.at(-1)?.label ?? '-'));
    runner.run([{ name: 'ticker', params: { count: 1 } }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toEqual(['started', 'started', 'run 0']);
  });

  it('fails fast on a programmer mistake: an unknown name or param', () => {
    expect(() => runner.run([{ name: 'nope', params: {} }])).toThrow(/known scenario name/);
    expect(() => runner.run([{ name: 'ticker', params: { speed: 1 } }])).toThrow(
      /param of "ticker"/,
    );
  });
});
