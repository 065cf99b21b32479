// Issue 3 benchmark: POST /conferences (JWT, validation, idempotency claim, audit, conference row +
// ConferenceScheduled in the outbox in one transaction, relay to Kafka) at a steady BENCH_RATE a second
// and in a burst of BENCH_CONCURRENCY writers, next to bare `pg` inserts of the same rows (conference +
// outbox) with the same pacing in the same run, as ratios. The service runs in this process from its
// built dist: run `npx tsc -b services/conference` first.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, summarise } from './stats.mjs';
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Client, Pool } = require('pg');
const { loadConfig, LOCAL_JWT_SECRET } = require('@cpc/config');
const { startService } = require('@cpc/runtime');
const { signDevelopmentToken } = require('@cpc/http');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path) => require(join(ROOT, 'services/conference/dist', path));
const { ConferenceConfig } = dist('conference.config.js');
const { conferenceService } = dist('conference.definition.js');

const COUNT = Number(process.env.BENCH_REQUESTS ?? 1500);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cpc_bench_conference';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const LA = 'BENCH';

async function freshDatabase() {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
}

const body = () => ({
  kind: 'ICPC',
  localAuthority: LA,
  children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
  scheduledStart: new Date(Date.now() + 7 * 86400_000).toISOString(),
  durationMinutes: 90,
  participationOption: 'FULL',
  participants: [{ role: 'PARENT', firstName: 'Jo', lastName: 'Stone', mobile: '07911 234567', email: 'jo@example.org' }],
});

/** Runs `count` writes, at `rate` a second when given (steady), else as fast as CONCURRENCY writers go (burst). */
async function run(name, count, write, rate) {
  const latencies = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: rate ? Math.max(CONCURRENCY, 50) : CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        if (rate) {
          const due = started + (index * 1000) / rate;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        const t0 = performance.now();
        await write();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { name, ...summarise(latencies, Date.now() - started, count) };
}

async function serviceWrite(url, token) {
  const response = await fetch(`${url}/api/v1/conferences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body()),
  });
  if (response.status !== 201) throw new Error(`POST /conferences answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** The same two rows the service writes (conference + outbox event), committed together, nothing else. */
async function bareWrite(pool) {
  const id = randomUUID();
  const b = body();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO conferences (id, local_authority, kind, status, scheduled_start, duration_minutes, participation_option, children, warnings, created_by, version, participants)
       VALUES ($1, $2, 'ICPC', 'SCHEDULED', $3, 90, 'FULL', $4, '[]', 'bench', 1, $5)`,
      [id, LA, b.scheduledStart, JSON.stringify(b.children), JSON.stringify(b.participants)],
    );
    await client.query(
      // Marked sent: the service's relay must not publish the baseline's rows.
      `INSERT INTO outbox (event_id, topic, message_key, type, envelope, sent_at) VALUES ($1, 'conference.events', $2, 'ConferenceScheduled', $3, now())`,
      [randomUUID(), id, JSON.stringify({ data: b })],
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

await freshDatabase();
const config = loadConfig(ConferenceConfig, {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  PORT: '0',
  DATABASE_URL: DB_URL,
  KAFKA_GROUP_ID: `cpc-conference-bench-${randomUUID().slice(0, 8)}`,
});
const service = await startService(conferenceService(config));
const token = signDevelopmentToken(LOCAL_JWT_SECRET, { sub: 'bench-chair', name: 'Bench', roles: ['CHAIR'], la: LA });
const pool = new Pool({ connectionString: DB_URL, max: 10 });
try {
  await run('warm-up', 100, () => serviceWrite(service.url, token)); // JIT, pools, prepared plans
  await run('warm-up', 100, () => bareWrite(pool));
  const steady = await run(`service POST /conferences @${RATE}/s`, COUNT, () => serviceWrite(service.url, token), RATE);
  const steadyBase = await run(`bare pg inserts @${RATE}/s`, COUNT, () => bareWrite(pool), RATE);
  const burst = await run(`service POST /conferences burst x${CONCURRENCY}`, COUNT, () => serviceWrite(service.url, token));
  const burstBase = await run(`bare pg inserts burst x${CONCURRENCY}`, COUNT, () => bareWrite(pool));
  report('conference-create-steady', [steadyBase, steady], steadyBase.name, [
    `steady ${RATE}/s: perSecond should equal the offered rate; p50/p99 are what a caller feels`,
  ]);
  report('conference-create-burst', [burstBase, burst], burstBase.name, [
    'burst: throughput with CONCURRENCY writers, latency includes queueing',
  ]);
} finally {
  await pool.end();
  await service.close();
}
process.exit(0);
