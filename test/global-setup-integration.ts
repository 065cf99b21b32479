import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Before the integration and end-to-end tests: their infrastructure is up (idempotent, a few seconds
 * when it already is), so one test run by hand needs no step of its own. `npm test` has run
 * `infra.sh test-up --fresh-test-databases` just before; this finds everything running.
 */
export default function globalSetup(): void {
  const up = spawnSync('bash', [join(__dirname, '..', 'deploy', 'local', 'infra.sh'), 'test-up'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  });
  if (up.status !== 0) throw new Error(`deploy/local/infra.sh test-up failed (exit ${up.status ?? up.signal}); its messages are above`);
}
