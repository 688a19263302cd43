import { useState, useSyncExternalStore, type ReactNode } from 'react';
import type { FaultCommand } from '../../../backend/faults';
import { MALFORMED_KINDS, type MalformedKind } from '../../../backend/malformed';
import { SCENARIOS } from '../../../backend/scenarios';
import type { QaController } from './qa-controller';
import './qa-panel.css';

type Severity = NonNullable<Extract<FaultCommand, { type: 'flood-alerts' }>['severity']>;

export type QaPanelProps = {
  controller: QaController;
  /** Called after a scenario starts, so the page can put it in its URL (a bug report is a link). */
  onScenarioChange?: (spec: string) => void;
  /** The shareable link for the running scenario. */
  linkFor?: (spec: string) => string;
};

/**
 * The QA panel of the mock-mode demo: pick a scenario, fire faults on demand. Only mounted when
 * the embedded mock backend runs; a dashboard on a real backend never loads this module.
 */
export function QaPanel({ controller, onScenarioChange, linkFor }: QaPanelProps) {
  const qa = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const [spec, setSpec] = useState(qa.scenario || 'steady');
  const [closeCode, setCloseCode] = useState('1011');
  const [closeReason, setCloseReason] = useState('');
  const [floodCount, setFloodCount] = useState('300');
  /** '' for random severities, as the feed raises them. */
  const [floodSeverity, setFloodSeverity] = useState<Severity | ''>('');
  const [latency, setLatency] = useState('800');
  const [malformed, setMalformed] = useState<MalformedKind>('invalid-json');
  const [problem, setProblem] = useState<string | null>(null);

  const fire = (command: FaultCommand) => setProblem(controller.fire(command));
  const run = () => {
    const error = controller.runScenario(spec);
    setProblem(error);
    if (!error) onScenarioChange?.(spec);
  };
  const selected = SCENARIOS.find((s) => s.name === spec.split(/[;,]/)[0]);

  return (
    <aside className="qa" aria-label="QA panel" data-testid="qa-panel" lang="en">
      <details open>
        <summary className="qa__title">QA · mock backend</summary>

        <section className="qa__section" aria-label="Scenario">
          <label className="qa__field">
            <span>Scenario</span>
            <select
              value={selected?.name ?? ''}
              onChange={(event) => setSpec(event.target.value)}
              data-qa="scenario-select"
            >
              {!selected && <option value="">(custom)</option>}
              {SCENARIOS.map((scenario) => (
                <option key={scenario.name} value={scenario.name}>
                  {scenario.name}
                </option>
              ))}
            </select>
          </label>
          <label className="qa__field">
            <span>Spec</span>
            <input
              value={spec}
              onChange={(event) => setSpec(event.target.value)}
              spellCheck={false}
              data-qa="scenario-spec"
            />
          </label>
          <button type="button" className="button" onClick={run} data-qa="scenario-run">
            Run scenario
          </button>
          {selected && (
            <p className="qa__hint">
              {selected.summary}{' '}
              {Object.entries(selected.params)
                .map(([key, param]) => `${key}=${param.default}`)
                .join(' ')}
            </p>
          )}
          <p className="qa__now" data-qa="scenario-now">
            Running: <code>{qa.scenario || 'steady (no scenario)'}</code>
            {linkFor && (
              <>
                {' · '}
                <a href={linkFor(qa.scenario)}>link</a>
              </>
            )}
          </p>
          <ol className="qa__phases" aria-label="Scenario phases">
            {qa.phases.slice(-4).map((phase) => (
              <li key={`${phase.scenario}-${phase.atMs}-${phase.label}`}>
                +{(phase.atMs / 1000).toFixed(1)} s {phase.scenario}: {phase.label}
              </li>
            ))}
          </ol>
        </section>

        <section className="qa__section qa__faults" aria-label="Faults">
          <FaultButton name="drop" onClick={() => fire({ type: 'drop' })}>
            Drop the line
          </FaultButton>
          <span className="qa__group">
            <input
              className="qa__number"
              inputMode="numeric"
              aria-label="Close code"
              value={closeCode}
              onChange={(event) => setCloseCode(event.target.value)}
              data-qa="close-code"
            />
            <input
              className="qa__text"
              aria-label="Close reason"
              placeholder="reason"
              value={closeReason}
              onChange={(event) => setCloseReason(event.target.value)}
            />
            <FaultButton
              name="close"
              onClick={() => fire({ type: 'close', code: Number(closeCode), reason: closeReason })}
            >
              Close with code
            </FaultButton>
          </span>
          <Toggle
            name="block-websocket"
            on={qa.faults.wsBlocked}
            onClick={() => fire({ type: 'block-websocket', on: !qa.faults.wsBlocked })}
          >
            Block WebSocket
          </Toggle>
          <span className="qa__group">
            <input
              className="qa__number"
              inputMode="numeric"
              aria-label="Alerts to flood"
              value={floodCount}
              onChange={(event) => setFloodCount(event.target.value)}
            />
            <select
              aria-label="Severity of the flood"
              value={floodSeverity}
              onChange={(event) => setFloodSeverity(event.target.value as Severity | '')}
            >
              <option value="">any severity</option>
              <option value="critical">critical</option>
              <option value="warning">warning</option>
              <option value="info">info</option>
            </select>
            <FaultButton
              name="flood-alerts"
              onClick={() =>
                fire({
                  type: 'flood-alerts',
                  count: Number(floodCount),
                  overMs: 2_000,
                  ...(floodSeverity ? { severity: floodSeverity } : {}),
                })
              }
            >
              Flood alerts
            </FaultButton>
          </span>
          <Toggle
            name="pause-feed"
            on={qa.faults.feedPaused}
            onClick={() => fire({ type: 'pause-feed', on: !qa.faults.feedPaused })}
          >
            Pause feed
          </Toggle>
          <FaultButton name="expire-sessions" onClick={() => fire({ type: 'expire-sessions' })}>
            Expire session (1008)
          </FaultButton>
          <Toggle
            name="reject-sessions"
            on={qa.faults.rejectSessions}
            onClick={() => fire({ type: 'reject-sessions', on: !qa.faults.rejectSessions })}
          >
            Refuse sessions
          </Toggle>
          <FaultButton name="restart" onClick={() => fire({ type: 'restart' })}>
            Restart server
          </FaultButton>
          <FaultButton name="half-open" onClick={() => fire({ type: 'half-open' })}>
            Half-open line
          </FaultButton>
          <span className="qa__group">
            <input
              className="qa__number"
              inputMode="numeric"
              aria-label="Latency in ms"
              value={latency}
              onChange={(event) => setLatency(event.target.value)}
            />
            <FaultButton
              name="latency"
              onClick={() => fire({ type: 'latency', ms: Number(latency) })}
            >
              Set latency
            </FaultButton>
          </span>
          <FaultButton name="gap" onClick={() => fire({ type: 'gap', count: 3 })}>
            Lose 3 messages
          </FaultButton>
          <FaultButton name="duplicate" onClick={() => fire({ type: 'duplicate', count: 3 })}>
            Repeat 3 messages
          </FaultButton>
          <span className="qa__group">
            <select
              aria-label="Malformed frame"
              value={malformed}
              onChange={(event) => setMalformed(event.target.value as MalformedKind)}
            >
              {MALFORMED_KINDS.map((kind) => (
                <option key={kind}>{kind}</option>
              ))}
            </select>
            <FaultButton
              name="malformed"
              onClick={() => fire({ type: 'malformed', kind: malformed })}
            >
              Send bad frame
            </FaultButton>
          </span>
          <FaultButton name="reset" onClick={() => fire({ type: 'reset' })}>
            Reset faults
          </FaultButton>
        </section>

        {problem && (
          <p className="qa__problem" role="alert">
            {problem}
          </p>
        )}
        <p className="qa__stats" data-qa="stats">
          epoch {qa.epoch} · seq {qa.seq} · {qa.connections} socket(s) · sessions{' '}
          {qa.stats.sessionsStarted} · refused upgrades {qa.stats.upgradesRefused}
        </p>
      </details>
    </aside>
  );
}

function FaultButton({
  name,
  onClick,
  children,
}: {
  name: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="button qa__button" onClick={onClick} data-qa={name}>
      {children}
    </button>
  );
}

function Toggle({
  name,
  on,
  onClick,
  children,
}: {
  name: string;
  on: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="button qa__button"
      aria-pressed={on}
      onClick={onClick}
      data-qa={name}
    >
      {children}
    </button>
  );
}
