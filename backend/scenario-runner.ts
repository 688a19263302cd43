import type { MockBackend } from './mock-backend';
import { parseScenarioSpec, ScenarioRunner, type Parsed, type ScenarioSpec } from './scenario';
import { SCENARIO_CATALOGUE } from './scenarios';

/**
 * A runner for `backend` with the built-in catalogue, already running `scenario` (a spec
 * string such as `session-expiry;firstMs=500` or parsed specs). A bad spec string throws with
 * the parser's message: callers with untrusted text parse it first and report the error.
 */
export function runScenario(
  backend: MockBackend,
  scenario: string | readonly ScenarioSpec[] = [],
): ScenarioRunner {
  const runner = new ScenarioRunner(backend, SCENARIO_CATALOGUE);
  const specs = typeof scenario === 'string' ? parseOrThrow(scenario) : scenario;
  if (specs.length > 0) runner.run(specs);
  return runner;
}

/** A day: the longest wait a spec may ask for (Node fires a timer past 2^31 - 1 ms at once). */
export const MAX_SPEC_MS = 86_400_000;
/** The most of anything else (alerts per storm, samples per second) a spec may ask for. */
export const MAX_SPEC_COUNT = 100_000;

/**
 * Parses a spec string against the built-in catalogue. The text is untrusted (a URL, the control
 * endpoint), so values that would stall or spin the backend (a storm of 1e9 alerts, a delay that
 * overflows a timer, a heartbeat of 0) are refused here with a reason, never run.
 */
export function parseScenarios(text: string): Parsed<ScenarioSpec[]> {
  const parsed = parseScenarioSpec(text, SCENARIO_CATALOGUE);
  if (!parsed.ok) return parsed;
  for (const spec of parsed.value) {
    for (const [key, value] of Object.entries(spec.params)) {
      const max = key.endsWith('Ms') ? MAX_SPEC_MS : MAX_SPEC_COUNT;
      if (value > max)
        return {
          ok: false,
          error: `Expected ${spec.name}.${key} to be at most ${max}, got ${value}`,
        };
    }
    const scenario = SCENARIO_CATALOGUE.get(spec.name);
    if (!scenario?.tuning) continue;
    const params: Record<string, number> = {};
    for (const [key, param] of Object.entries(scenario.params))
      params[key] = spec.params[key] ?? param.default;
    for (const [key, value] of Object.entries(scenario.tuning(params))) {
      if (value !== undefined && !(Number.isFinite(value) && value > 0))
        return { ok: false, error: `Expected ${spec.name} to give ${key} > 0, got ${value}` };
    }
  }
  return parsed;
}

function parseOrThrow(text: string): ScenarioSpec[] {
  const parsed = parseScenarios(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
