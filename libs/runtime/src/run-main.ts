import { ConfigError } from '@cpc/config';

/**
 * A service process's entry point: runs `start`, and when it fails writes ONE JSON line to stderr
 * (issue 13 item 6) — which service, what failed, and for a configuration error every setting named
 * with its problem — then exits 1. No Nest stack trace in colour, nothing for an operator to unpick.
 */
export function runService(service: string, start: () => Promise<unknown>): void {
  // Through a promise: a setting refused while `start` is being called (loadConfig throws at once) is caught too.
  Promise.resolve()
    .then(start)
    .catch((error: unknown) => {
      process.stderr.write(`${JSON.stringify(startupFailure(service, error))}\n`);
      process.exit(1);
    });
}

export function startupFailure(service: string, error: unknown): Record<string, unknown> {
  const base = { level: 'fatal', time: new Date().toISOString(), service };
  if (error instanceof ConfigError) return { ...base, msg: 'invalid configuration: the service did not start', settings: error.problems };
  const err = error instanceof Error ? { type: error.name, message: error.message } : { type: typeof error, message: String(error) };
  return { ...base, msg: `the service did not start: ${err.message}`, err };
}
