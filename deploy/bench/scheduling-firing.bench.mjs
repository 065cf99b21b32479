// Issues 4 and 15 benchmark: with BENCH_DEADLINES (default 1,000,000, issue 15's size) pending deadlines in PostgreSQL and Redis,
// the firing lag of BENCH_MEASURED deadlines falling due at BENCH_RATE a second, next to bare BullMQ
// delayed jobs with the same backlog and the same schedule in the same run (ratio); the time to
// rebuild every wake-up from PostgreSQL into an empty Redis; and the service's memory.
// The service runs in this process from its built dist (npm run bench builds first).
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, report } from './stats.mjs';
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Client } = require('pg');
const { Kafka, logLevel } = require('kafkajs');
const { Queue, Worker } = require('bullmq');
const IORedis = require('ioredis');
const { loadConfig, redisOptionsOf } = require('@cpc/config');
const { startService } = require('@cpc/runtime');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path) => require(join(ROOT, 'services/scheduling/dist', path));
const { SchedulingConfig } = dist('scheduling.config.js');
const { schedulingService } = dist('scheduling.definition.js');
const { WakeUpRebuild } = dist('application/wake-up-rebuild.js');

const BACKLOG = Number(process.env.BENCH_DEADLINES ?? 1_000_000);
const MEASURED = Number(process.env.BENCH_MEASURED ?? 2000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const CONCURRENCY = 20; // the service's WAKE_UP_CONCURRENCY default, for both sides
const FIRST_DUE_MS = 8000;
const DB = 'cpc_scheduling_bench';
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const RUN = randomUUID().slice(0, 8);
const redis = new IORedis(REDIS_URL);
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function redisUsedBytes() {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);
}

async function deleteKeys(prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function memory() {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMB: mb(rss), heapUsedMB: mb(heapUsed) };
}

/** The measured wake-ups: due one after another at RATE a second, from `start`. */
const measuredDue = (start) => Array.from({ length: MEASURED }, (_, i) => start + Math.round((i * 1000) / RATE));

async function freshDatabase() {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
}

/** A new consumer group would replay the topics from the beginning: start it at the end (nothing to consume here). */
async function groupAtEnd(groupId) {
  const admin = new Kafka({ clientId: 'bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  for (const topic of ['conference.events', 'documents.events']) {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
  }
  await admin.disconnect();
}

async function seed(db, count, firstDue, stepMs, label) {
  await db.query(
    `INSERT INTO deadlines (id, conference_id, local_authority, kind, description, status, version, due_at, conference_start, reminders, alert, responsible)
     SELECT gen_random_uuid(), gen_random_uuid(), 'BENCH', 'R-PREP-3', $4, 'PENDING', 1, due, due + interval '1 day', '[]', '["CHAIR","TEAM_MANAGER"]', '["PROFESSIONAL"]'
     FROM (SELECT to_timestamp(($1::bigint + i * $2::bigint) / 1000.0) AS due FROM generate_series(0, $3::int - 1) AS i) AS s`,
    [firstDue, stepMs, count, label],
  );
}

async function schedulingSide() {
  await freshDatabase();
  const groupId = `cpc-scheduling-bench-${RUN}`;
  await groupAtEnd(groupId);
  const prefix = `bench-svc-${RUN}`;
  const config = loadConfig(SchedulingConfig, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    DATABASE_URL: DB_URL,
    KAFKA_BROKERS: BROKERS,
    REDIS_URL,
    KAFKA_GROUP_ID: groupId,
    QUEUE_PREFIX: prefix,
    REBUILD_INTERVAL_MS: '3600000',
    SWEEP_GRACE_MS: '3600000',
    WAKE_UP_CONCURRENCY: String(CONCURRENCY),
  });
  const service = await startService(schedulingService(config), { listen: false });
  const rebuilder = service.app.get(WakeUpRebuild);
  await rebuilder.rebuild('manual'); // the start's own rebuild, on an empty table
  const idle = memory();
  const db = new Client({ connectionString: DB_URL });
  await db.connect();

  // Backlog: BACKLOG deadlines due over the coming days, their wake-ups all missing from Redis.
  await seed(db, BACKLOG, Date.now() + 86_400_000, 5000, 'backlog');
  const redisBefore = await redisUsedBytes();
  let started = Date.now();
  const full = await rebuilder.rebuild('manual');
  const rebuildAllMissing = {
    name: `rebuild ${BACKLOG} (all missing)`,
    seconds: (Date.now() - started) / 1000,
    perSecond: full.restored / ((Date.now() - started) / 1000),
  };
  const redisForBacklog = (await redisUsedBytes()) - redisBefore;
  const afterRebuild = memory();

  // Measured: MEASURED deadlines due at RATE/s from a few seconds on; a rebuild adds just those.
  const firstDue = Date.now() + FIRST_DUE_MS;
  await seed(db, MEASURED, firstDue, Math.round(1000 / RATE), 'measured');
  started = Date.now();
  const topUp = await rebuilder.rebuild('manual');
  const rebuildFewMissing = {
    name: `rebuild ${BACKLOG + MEASURED} (${topUp.restored} missing)`,
    seconds: (Date.now() - started) / 1000,
    perSecond: (BACKLOG + MEASURED) / ((Date.now() - started) / 1000),
  };

  let lags;
  for (;;) {
    const { rows } = await db.query(
      `SELECT extract(epoch FROM breached_at - due_at) * 1000 AS lag FROM deadlines WHERE description = 'measured' AND status = 'BREACHED'`,
    );
    if (rows.length >= MEASURED) {
      lags = rows.map((r) => Number(r.lag));
      break;
    }
    await sleep(500);
  }
  const afterFiring = memory();
  await db.end();
  await service.close();
  await deleteKeys(prefix);
  return {
    firing: {
      name: 'scheduling (PostgreSQL re-read, row lock, outbox)',
      count: lags.length,
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      max: Math.max(...lags),
    },
    rebuilds: [rebuildAllMissing, rebuildFewMissing],
    memory: [
      { name: 'service idle', ...idle },
      { name: `service with ${BACKLOG} pending, after rebuild`, ...afterRebuild },
      { name: 'service after firing', ...afterFiring },
    ],
    redisForBacklog,
  };
}

async function bareBullmq() {
  const prefix = `bench-bare-${RUN}`;
  const connection = redisOptionsOf(REDIS_URL);
  const queue = new Queue('bare', { connection, prefix });
  const lags = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const worker = new Worker(
    'bare',
    async (job) => {
      if (job.name !== 'measured') return;
      lags.push(Date.now() - job.data.at);
      if (lags.length >= MEASURED) done();
    },
    { connection: { ...connection, maxRetriesPerRequest: null }, prefix, concurrency: CONCURRENCY },
  );
  const now = Date.now();
  const backlog = Array.from({ length: BACKLOG }, (_, i) => ({
    name: 'backlog',
    data: { at: now + 86_400_000 + i * 5000 },
    opts: { jobId: `b-${i}`, delay: 86_400_000 + i * 5000, removeOnComplete: true },
  }));
  const started = Date.now();
  for (let i = 0; i < backlog.length; i += 2000) await queue.addBulk(backlog.slice(i, i + 2000));
  const addBulk = {
    name: `bare BullMQ addBulk ${BACKLOG}`,
    seconds: (Date.now() - started) / 1000,
    perSecond: BACKLOG / ((Date.now() - started) / 1000),
  };
  const firstDue = Date.now() + FIRST_DUE_MS;
  const measured = measuredDue(firstDue).map((at, i) => ({
    name: 'measured',
    data: { at },
    opts: { jobId: `m-${i}`, delay: at - Date.now(), removeOnComplete: true },
  }));
  await queue.addBulk(measured);
  await finished;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await deleteKeys(prefix);
  return {
    firing: {
      name: 'bare BullMQ delayed jobs',
      count: lags.length,
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      max: Math.max(...lags),
    },
    addBulk,
  };
}

mkdirSync(join(ROOT, '.local', 'bench'), { recursive: true });
const bare = await bareBullmq();
await sleep(1000);
const ours = await schedulingSide();
report('scheduling-firing', [bare.firing, ours.firing], bare.firing.name, [
  `${MEASURED} deadlines falling due at ${RATE}/s with ${BACKLOG} more pending; worker concurrency ${CONCURRENCY} on both sides; one Redis, one PostgreSQL, 2 cores`,
  'lag, ms: bare = worker start - due time; scheduling = breached_at (decided inside the transaction that writes the state and the outbox event) - due_at',
]);
report('scheduling-rebuild', [bare.addBulk, ...ours.rebuilds], bare.addBulk.name, [
  'rebuild = page pending deadlines from PostgreSQL, EXISTS each wake-up in Redis (pipelined), addBulk the missing',
  `Redis memory for the ${BACKLOG} wake-ups: ${mb(ours.redisForBacklog)} MB`,
]);
report('scheduling-memory', ours.memory, ours.memory[0].name, [
  'this process: the scheduling service (Nest, TypeORM, kafkajs, BullMQ) and the bench pg client; after global.gc()',
]);
redis.disconnect();
process.exit(0);
