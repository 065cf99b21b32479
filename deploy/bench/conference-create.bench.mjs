// Issue 3/15 benchmark: POST /api/v1/conferences (JWT, validation, idempotency claim, audit, conference
// row + ConferenceScheduled in the outbox in one transaction, relay to Kafka) against the service run as
// production runs it, its own process `node services/conference/dist/main.js` on a fresh database,
// waited for on /health/ready; next to a bare baseline run the same way (deploy/bench/
// bare-conference-server.mjs: node:http + `pg`, the same two rows, 201). The load comes from autocannon
// in a child process of its own (deploy/bench/autocannon-load.mjs), a development bearer token and a
// unique Idempotency-Key per request: BENCH_CONNECTIONS (10) connections for BENCH_DURATION_SECONDS
// (15); then a steady BENCH_RATE (100) requests a second for as long, evenly spaced and open loop, from
// deploy/bench/paced-load.mjs (latency counted from when each request was due). Refuses to report when the
// 1-minute load average is above the core count (BENCH_IGNORE_LOAD=1 overrides).
// Run `npx tsc -b services/conference` first.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLoad, percentile, report } from './stats.mjs';
const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { LOCAL_JWT_SECRET } = require('@cpc/config');
const { signDevelopmentToken } = require('@cpc/http');

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const DURATION = Number(process.env.BENCH_DURATION_SECONDS ?? 15);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cpc_bench_conference';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const LA = 'BENCH';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const { load, cores, overloaded } = await checkLoad();

async function freshDatabase() {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `node <script>` with `env` and waits for GET /health/ready to answer 200. */
async function startProcess(name, script, env, port) {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited before it was ready (${exited.code ?? exited.signal})`);
    if (Date.now() > deadline) throw new Error(`${name} not ready on ${url}/health/ready within 60 s`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, url, pid: child.pid };
    await sleep(250);
  }
}

async function stopProcess({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function rssMB(pid) {
  const kB = Number(/VmRSS:\s+(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return Math.round((kB / 1024) * 10) / 10;
}

const body = JSON.stringify({
  kind: 'ICPC',
  localAuthority: LA,
  children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
  scheduledStart: new Date(Date.now() + 7 * 86400_000).toISOString(),
  durationMinutes: 90,
  participationOption: 'FULL',
  participants: [{ role: 'PARENT', firstName: 'Jo', lastName: 'Stone', mobile: '07911 234567', email: 'jo@example.org' }],
});
const token = signDevelopmentToken(LOCAL_JWT_SECRET, { sub: 'bench-chair', name: 'Bench', roles: ['CHAIR'], la: LA });

/** One load run from its own process: `overallRate` set, evenly paced at that rate; else autocannon, as fast as the connections go. */
async function drive(name, url, duration, overallRate) {
  const options = {
    url: `${url}/api/v1/conferences`,
    connections: CONNECTIONS,
    duration,
    overallRate,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'bench-[<id>]' },
    body,
  };
  // A steady rate is paced evenly by paced-load.mjs (autocannon's overallRate sends each second's share in a burst).
  const generator = overallRate ? 'paced-load.mjs' : 'autocannon-load.mjs';
  const child = spawn(
    process.execPath,
    [join(HERE, generator), JSON.stringify(overallRate ? { ...options, rate: overallRate } : options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`autocannon for ${name} exited ${code}`);
  const result = JSON.parse(out.trim().split('\n').pop());
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `${name}: ${result.non2xx} non-2xx (first ${JSON.stringify(result.firstFailure)}), ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  const { latencies } = result;
  return {
    name,
    count: latencies.length,
    perSecond: latencies.length / result.elapsedSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Warm-up (JIT, pools, prepared plans), then the burst and the steady run against one server. */
async function measure(label, server) {
  await drive(`${label} warm-up`, server.url, 3);
  const burst = await drive(`${label} x${CONNECTIONS} connections`, server.url, DURATION);
  const steady = await drive(`${label} @${RATE}/s`, server.url, DURATION, RATE);
  return { burst, steady, rssMB: rssMB(server.pid) };
}

await freshDatabase();
const service = await startProcess(
  'conference service',
  'services/conference/dist/main.js',
  {
    NODE_ENV: 'development', // production refuses the development token the load carries
    LOG_LEVEL: 'warn',
    DATABASE_URL: DB_URL,
    KAFKA_GROUP_ID: `cpc-conference-bench-${randomUUID().slice(0, 8)}`,
  },
  await freePort(),
);
let ours;
try {
  ours = await measure('service POST /conferences', service);
} finally {
  await stopProcess(service);
}
// The service has migrated the database; the bare server writes the same tables, the service stopped.
const bare = await startProcess('bare server', join(HERE, 'bare-conference-server.mjs'), { DATABASE_URL: DB_URL }, await freePort());
let base;
try {
  base = await measure('bare node:http + pg', bare);
} finally {
  await stopProcess(bare);
}
const machine = `load average at start ${load[0].toFixed(2)} on ${cores} cores${overloaded ? ' (above the cores: BENCH_IGNORE_LOAD=1)' : ''}`;
report('conference-create-burst', [base.burst, ours.burst], base.burst.name, [
  `${CONNECTIONS} autocannon connections for ${DURATION} s, each server its own process; throughput and latency (ms, incl. queueing) of 2xx answers`,
  machine,
]);
report('conference-create-steady', [base.steady, ours.steady], base.steady.name, [
  `steady ${RATE}/s, evenly spaced and open loop (paced-load.mjs), for ${DURATION} s: perSecond should equal the offered rate; latency from when each request was due`,
  machine,
]);
report(
  'conference-create-memory',
  [
    { name: 'bare server', rssMB: base.rssMB },
    { name: 'conference service', rssMB: ours.rssMB },
  ],
  'bare server',
  ['VmRSS of each server process (/proc/<pid>/status) at the end of its runs'],
);
process.exit(0);
