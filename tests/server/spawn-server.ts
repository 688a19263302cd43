import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The reference server as a separate process (`server/main.ts` under tsx), for tests that kill
 * it the hard way. Resolves once it prints `listening <url>`.
 */
export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed, for a failing test's artifacts. */
  output: string[];
  /** SIGKILL: no close frames, sockets just die, like a crashed host. */
  kill(): Promise<void>;
};

const MAIN = path.resolve('server/main.ts');

export function spawnReferenceServer(args: string[], timeoutMs = 20_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: path.dirname(path.dirname(MAIN)),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`reference server did not start in ${timeoutMs} ms:\n${output.join('')}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /^listening (\S+)$/m.exec(output.join(''));
      if (!match?.[1]) return;
      clearTimeout(timer);
      const url = match[1];
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        output,
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited (${code ?? signal}):\n${output.join('')}`));
    });
  });
}
