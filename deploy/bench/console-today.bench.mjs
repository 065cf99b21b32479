// Issue 14 "Measured": the console's Today page with 100,000 deadlines in the read model. GET /today
// (user guard, three list queries and the counts, Nunjucks on the GOV.UK template) measured one request
// at a time: p50/p99 of the server's answer and the HTML's size; next to the same SQL run bare with pg in
// the same run, as ratios. The read model is filled with SQL (10,000 conferences of 10 deadlines, due
// from 30 days ago to 30 days ahead, some met, breached or stood down) in a database of its own; the
// console runs in this process from its built dist: run `npx tsc -b services/console` first.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, report } from './stats.mjs';
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Client, Pool } = require('pg');
const { Kafka, logLevel } = require('kafkajs');
const { loadConfig, LOCAL_JWT_SECRET } = require('@cpc/config');
const { startService } = require('@cpc/runtime');
const { signDevelopmentToken } = require('@cpc/http');
const { Topics } = require('@cpc/contracts');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path) => require(join(ROOT, 'services/console/dist', path));
const { ConsoleConfig } = dist('console.config.js');
const { consoleService } = dist('console.definition.js');

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const PER_CONFERENCE = 10;
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cpc_bench_console';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const LA = 'BENCH';
const LIMITS = { p99Ms: 100, htmlBytes: 200_000 };

async function freshDatabase() {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
}

/** A new consumer group would read every topic's history into the bench database: start it at the end. */
async function groupAtEnd(groupId, brokers) {
  const admin = new Kafka({ clientId: 'console-bench-offsets', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  for (const topic of Object.values(Topics)) {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
  }
  await admin.disconnect();
}

/** 100,000 deadlines of 10,000 conferences in 8 teams and 20 chairs, a tenth of them in another LA. */
async function fill(pool) {
  const conferences = DEADLINES / PER_CONFERENCE;
  await pool.query(
    `INSERT INTO console_conferences (id, local_authority, kind, status, participation_option, team, chair_name, scheduled_start,
       duration_minutes, children, warnings, updated_at)
     SELECT md5('c' || i)::uuid, CASE WHEN i % 10 = 0 THEN 'OTHER' ELSE $1 END, CASE WHEN i % 3 = 0 THEN 'RCPC' ELSE 'ICPC' END,
       'SCHEDULED', 'FULL', 'Team ' || (i % 8), 'Chair ' || (i % 20), now() + ((i % 60) - 30) * interval '1 day', 90,
       '["Amy Stone"]', '[]', now()
     FROM generate_series(1, $2::int) AS i`,
    [LA, conferences],
  );
  await pool.query(
    `INSERT INTO console_deadlines (id, conference_id, local_authority, rule, description, responsible, due_at, status, version,
       met_at, breached_at)
     SELECT md5('d' || i || '-' || k)::uuid, md5('c' || i)::uuid, CASE WHEN i % 10 = 0 THEN 'OTHER' ELSE $1 END, 'R-PREP-' || k,
       'Preparation step ' || k || ' done before the conference', '["CHAIR","SOCIAL_WORKER"]',
       due, status, 1,
       CASE WHEN status = 'MET' THEN due - interval '1 hour' END,
       CASE WHEN status = 'BREACHED' THEN due END
     FROM generate_series(1, $2::int) AS i, generate_series(1, ${PER_CONFERENCE}) AS k,
       LATERAL (SELECT now() + (((i * 7 + k * 13) % 86400) - 43200) * interval '1 minute' AS due) AS d,
       LATERAL (SELECT CASE WHEN due > now() THEN (CASE WHEN (i + k) % 20 = 0 THEN 'STOOD_DOWN' ELSE 'PENDING' END)
                            WHEN (i + k) % 5 = 0 THEN 'BREACHED' ELSE 'MET' END AS status) AS s`,
    [LA, conferences],
  );
  await pool.query('ANALYZE');
  const { rows } = await pool.query(`SELECT status, count(*)::int AS n FROM console_deadlines GROUP BY status ORDER BY status`);
  return rows.map((r) => `${r.status} ${r.n}`).join(', ');
}

/** The same SQL as Today (counts and the three lists with their conference), bare. */
async function bareToday(pool, limit) {
  const now = new Date();
  const day = 86400_000;
  const params = [LA, now, new Date(now.getTime() + day), new Date(now.getTime() + 7 * day), new Date(now.getTime() - 7 * day)];
  const band = {
    breached: `((d.status = 'BREACHED' AND COALESCE(d.breached_at, d.due_at) >= $5) OR (d.status = 'PENDING' AND d.due_at < $2))`,
    next24h: `(d.status = 'PENDING' AND d.due_at >= $2 AND d.due_at < $3)`,
    thisWeek: `(d.status = 'PENDING' AND d.due_at >= $3 AND d.due_at < $4)`,
  };
  const any = `d.local_authority = $1 AND (${band.breached} OR ${band.next24h} OR ${band.thisWeek})`;
  const from = `FROM console_deadlines d LEFT JOIN console_conferences c ON c.id = d.conference_id`;
  await Promise.all([
    pool.query(`SELECT count(*) FILTER (WHERE ${band.breached}), count(*) FILTER (WHERE ${band.next24h}) ${from} WHERE ${any}`, params),
    pool.query(`SELECT DISTINCT team, chair_name FROM console_conferences WHERE local_authority = $1`, [LA]),
    ...Object.values(band).map((b) => pool.query(`SELECT d.*, c.* ${from} WHERE ${any} AND ${b} ORDER BY d.due_at, d.id LIMIT ${limit}`, params)),
  ]);
}

async function measure(name, count, call) {
  const latencies = [];
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    bytes = await call();
    latencies.push(performance.now() - t0);
  }
  return { name, count, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), htmlKb: bytes / 1000 };
}

await freshDatabase();
const groupId = `cpc-console-bench-${randomUUID().slice(0, 8)}`;
const config = loadConfig(ConsoleConfig, { NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', DATABASE_URL: DB_URL, KAFKA_GROUP_ID: groupId });
await groupAtEnd(groupId, config.KAFKA_BROKERS.split(','));
const service = await startService(consoleService(config));
const pool = new Pool({ connectionString: DB_URL, max: 5 });
const token = signDevelopmentToken(LOCAL_JWT_SECRET, { sub: 'bench-clerk', name: 'Bench Clerk', roles: ['CLERK'], la: LA });
try {
  const t0 = Date.now();
  const statuses = await fill(pool);
  console.log(`read model filled in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${statuses}`);
  const today = async (query = '') => {
    const response = await fetch(`${service.url}/today${query}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET /today answered ${response.status}: ${text.slice(0, 300)}`);
    return Buffer.byteLength(text);
  };
  await measure('warm-up', 30, () => today());
  await measure('warm-up', 30, () => bareToday(pool, config.TODAY_LIST_LIMIT).then(() => 0));
  const base = await measure('bare pg: Today SQL', REQUESTS, () => bareToday(pool, config.TODAY_LIST_LIMIT).then(() => 0));
  const page = await measure('GET /today', REQUESTS, () => today());
  const team = await measure('GET /today?team=Team 3', REQUESTS, () => today('?team=Team%203'));
  const verdict = [page, team].every((r) => r.p99 < LIMITS.p99Ms && r.htmlKb * 1000 < LIMITS.htmlBytes);
  report('console-today', [base, page, team], base.name, [
    `${DEADLINES} deadlines; lists of at most TODAY_LIST_LIMIT=${config.TODAY_LIST_LIMIT} rows each`,
    `target p99 < ${LIMITS.p99Ms} ms and HTML < ${LIMITS.htmlBytes / 1000} kB: ${verdict ? 'met' : 'NOT met'}`,
  ]);
  if (!verdict) process.exitCode = 1;
} finally {
  await pool.end();
  await service.close();
}
process.exit(process.exitCode ?? 0);
