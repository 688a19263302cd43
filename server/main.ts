import { parseArgs } from 'node:util';
import { seededRandom } from '../backend/random';
import { MAX_SPEC_MS, parseScenarios } from '../backend/scenario-runner';
import { SCENARIOS } from '../backend/scenarios';
import { startReferenceServer } from './reference-server';

/**
 * `npm run server -- [options]`: the reference server on the command line. It prints a line
 * `listening <base URL>` once it accepts connections, so a script that spawns it can read the URL.
 */
const USAGE = `Usage: npm run server -- [options]

  --port <n>            port (default 8787; 0 = any free port)
  --host <addr>         address to bind (default 127.0.0.1)
  --prefix </path>      serve under a path prefix
  --scenario <spec>     e.g. "session-expiry;firstMs=5000" or "slow-network,flaky-network"
  --heartbeat-ms <n>    beat announced in welcome (default 15000)
  --tick-ms <n>         interval of metrics messages (default 250)
  --seed <n>            seed the random source, to replay a run exactly
  --list                list the scenarios and their params
  --help

Control (loopback only): GET /control/state, POST /control/fault, POST /control/scenario.
See docs/reference-server.md.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, value: string | undefined, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > max)
    fail(`--${name} expects a number from 0 to ${max}`);
  return number;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        prefix: { type: 'string' },
        scenario: { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        'tick-ms': { type: 'string' },
        seed: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return console.log(USAGE);
  if (values.list) {
    for (const scenario of SCENARIOS) {
      console.log(`${scenario.name}\n  ${scenario.summary}\n  expect: ${scenario.expect}`);
      for (const [key, spec] of Object.entries(scenario.params))
        console.log(`    ${key}=${spec.default}  ${spec.doc}`);
    }
    return;
  }
  const parsed = parseScenarios(values.scenario ?? '');
  if (!parsed.ok) fail(parsed.error);
  const seed = positive('seed', values.seed);
  // Past a day a timer overflows and fires at once: refused, not turned into a busy loop.
  const heartbeatMs = positive('heartbeat-ms', values['heartbeat-ms'], MAX_SPEC_MS);
  const tickMs = positive('tick-ms', values['tick-ms'], MAX_SPEC_MS);

  const server = await startReferenceServer({
    host: values.host ?? '127.0.0.1',
    port: positive('port', values.port, 65_535) ?? 8787,
    ...(values.prefix ? { prefix: values.prefix } : {}),
    scenario: parsed.value,
    backend: {
      ...(seed !== undefined ? { random: seededRandom(seed) } : {}),
      ...(heartbeatMs ? { heartbeatMs } : {}),
      ...(tickMs ? { tickMs } : {}),
    },
    log: (line) => console.log(line),
  });
  console.log(`listening ${server.url}`);
  console.log(`open the dashboard with ?api=${encodeURIComponent(server.url)}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing connections (1001) and exiting`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

// Every known bad request gets its 4xx in the routes (tests/server/hardening.test.ts); these
// catch the unknown ones, so a bug is a log line while the server keeps serving everyone else.
process.on('unhandledRejection', (reason: unknown) => {
  console.error('[reference-server] unhandled rejection (still serving):', reason);
});
process.on('uncaughtException', (error: Error) => {
  console.error('[reference-server] uncaught exception (still serving):', error);
});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
