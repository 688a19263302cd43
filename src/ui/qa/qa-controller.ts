import type { BackendFaults, BackendStats, MockBackend } from '../../../backend/mock-backend';
import { applyFault, parseFaultCommand, type FaultCommand } from '../../../backend/faults';
import {
  formatScenarioSpec,
  type PhaseEntry,
  type ScenarioRunner,
} from '../../../backend/scenario';
import { parseScenarios } from '../../../backend/scenario-runner';

/**
 * What the QA panel drives: the embedded mock backend and its scenario runner. Framework-free,
 * so the panel stays a thin view and a test can drive the controller directly.
 */
export type QaSnapshot = Readonly<{
  scenario: string;
  phases: readonly PhaseEntry[];
  faults: Readonly<BackendFaults>;
  stats: Readonly<BackendStats>;
  epoch: string;
  seq: number;
  connections: number;
}>;

export type QaController = {
  getSnapshot(): QaSnapshot;
  subscribe(listener: () => void): () => void;
  /** Fires a fault; returns an error message for an invalid command. */
  fire(command: FaultCommand): string | null;
  /** Runs a scenario spec (`name;param=value,...`); returns an error message when invalid. */
  runScenario(text: string): string | null;
};

/** How often counters (seq, connections) refresh while someone is watching. */
const REFRESH_MS = 1_000;

export function createQaController(backend: MockBackend, scenarios: ScenarioRunner): QaController {
  const listeners = new Set<() => void>();
  let snapshot = read();
  let timer: ReturnType<typeof setInterval> | null = null;

  function read(): QaSnapshot {
    const { specs, phases } = scenarios.current;
    return {
      scenario: formatScenarioSpec(specs),
      phases,
      faults: { ...backend.faults },
      stats: { ...backend.stats },
      epoch: backend.epoch,
      seq: backend.seq,
      connections: backend.connectionCount,
    };
  }
  function changed() {
    snapshot = read();
    for (const listener of listeners) listener();
  }
  scenarios.subscribe(changed);

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      timer ??= setInterval(changed, REFRESH_MS);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    fire(command) {
      // The panel builds commands from form fields: validate as if they came off the wire.
      const parsed = parseFaultCommand(command);
      if (!parsed.ok) return parsed.error;
      applyFault(backend, parsed.value);
      changed();
      return null;
    },
    runScenario(text) {
      const parsed = parseScenarios(text);
      if (!parsed.ok) return parsed.error;
      scenarios.run(parsed.value);
      changed();
      return null;
    },
  };
}
