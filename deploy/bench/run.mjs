// `npm run bench`: runs every deploy/bench/*.bench.mjs in turn (one at a time: 2 cores), each against
// the real local Kafka, PostgreSQL and Redis, printing its figures next to a bare baseline measured in
// the same run, as a ratio. Results also go to .local/bench/<name>.json. Pass names to run a subset.
import { readdirSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
mkdirSync(join(here, '..', '..', '.local', 'bench'), { recursive: true });
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, file)], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  if (result.status !== 0) failed += 1;
}
console.log(`\n${benches.length - failed} benchmark(s) ran, ${failed} failed`);
process.exit(failed ? 1 : 0);
