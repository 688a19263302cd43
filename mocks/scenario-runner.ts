import type { MockBackend } from './backend';
import { parseScenarioSpec, ScenarioRunner, type ScenarioSpec } from './scenario';
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

/** Parses a spec string against the built-in catalogue. */
export function parseScenarios(text: string) {
  return parseScenarioSpec(text, SCENARIO_CATALOGUE);
}

function parseOrThrow(text: string): ScenarioSpec[] {
  const parsed = parseScenarios(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
