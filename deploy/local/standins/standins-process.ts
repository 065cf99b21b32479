// For integration tests: starts run-standins.mjs as a child process on free ports, so each test
// file has its own SMTP server and Notify stand-in, independent of `infra.sh up` and of other runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningStandins {
  readonly smtp: {
    readonly host: string;
    readonly port: number;
    /** The read-back API: GET /messages, GET /messages/:id, POST /control/outage ... */
    readonly httpUrl: string;
    /** The self-signed certificate, to trust as CA. */
    readonly caFile: string;
    readonly user: string;
    readonly password: string;
    readonly rejectDomain: string;
  };
  readonly notify: {
    readonly baseUrl: string;
    readonly apiKey: string;
  };
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;

/** What a caller may change about the stand-ins: where the SMTP key and certificate are (default CPC_STANDINS_DIR). */
export interface StandinsOptions {
  readonly certDir?: string;
}

/** Starts both stand-ins on free ports; resolves once they listen, with their addresses and the CA file. */
export function startStandins(options: StandinsOptions = {}): Promise<RunningStandins> {
  const script = join(__dirname, 'run-standins.mjs');
  const flags = ['--smtp-port', '0', '--smtp-http-port', '0', '--notify-port', '0', '--exit-with-parent'];
  if (options.certDir) flags.push('--cert-dir', options.certDir);
  const child = spawn(process.execPath, [script, ...flags], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the stand-ins did not start: ${why}\n${stderr.slice(-20).join('\n')}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
    child.once('error', (error) => fail(error.message));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^STANDINS_READY (.*)$/.exec(line);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { smtp, notify } = JSON.parse(ready[1]) as Omit<RunningStandins, 'stop'>;
      resolve({ smtp, notify, stop: () => stop(child) });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
