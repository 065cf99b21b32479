// Issue 13 benchmark ("Measured"): the event path on the three-broker SASL_SSL cluster (`infra.sh
// cluster-up`, replication 3, min.insync.replicas 2, 3 partitions, topics of this run only) with ONE and
// with TWO replicas, next to bare kafkajs on the same cluster in the same run; issue 15 item 4's steady
// latency, now that the relay is woken by LISTEN/NOTIFY on commit (poll kept as the fallback).
// - bare: this process produces (idempotent, acks=all, one send per event, the relay's producer
//   settings) the same CloudEvent bytes the relay sends; a kafkajs consumer in a process of its own reads.
//   The ratios are to this. One more burst row sends 200 events a send, one send at a time, as a relay
//   pass does: the ceiling kafkajs reaches on this cluster, which the relay's batching can beat the
//   one-send-per-event baseline by.
// - system: this process writes each event as the services do, Outbox.append in a PostgreSQL
//   transaction on a fresh database (a BEFORE INSERT trigger there points the rows at this run's topic,
//   so the shared contract topics are left alone); each replica is a process of its own
//   (deploy/bench/cluster-event-path-replica.mjs) running libs' dist classes as libs/runtime wires
//   them: an OutboxRelay on the same outbox table (the relays share one advisory-lock key, so a pass is
//   one replica's at a time: measured as it is) and a consumer in one group handing each message to the
//   EventConsumer with its inbox. Not the Nest services themselves: their HTTP side is not the event
//   path, and four service processes per replica would not fit 2 cores next to three brokers.
// Burst: BENCH_EVENTS (3,000) from BENCH_CONCURRENCY (10) writers; steady: BENCH_RATE (100)/s for
// BENCH_STEADY_SECONDS (20). Latency: from the write (send call / envelope time) to the handler; ms.
// RSS: peak of each consumer/replica process (the largest, for two). Every phase waits first for its
// group to be stable and for BENCH_WARMUP (50) events, and gives up after BENCH_PHASE_TIMEOUT_SECONDS
// (120). All Kafka clients connect through createKafka(kafkaSettingsOf(...)) from .local/kafka-cluster/
// client.env, so TLS and SCRAM apply. The cluster is stopped at the end only if this bench started it.
// Refuses to report when the 1-minute load average is above the core count after waiting up to
// BENCH_LOAD_WAIT_SECONDS (120) for it to fall (BENCH_IGNORE_LOAD=1 overrides). Uses libs' dist: `npm run build` first.
import { createRequire } from 'node:module';
import { fork, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLoad, report, summarise } from './stats.mjs';
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { Partitioners } = require('kafkajs');
const pino = require('pino');
const { loadConfig, KafkaConnectionConfig } = require('@cpc/config');
const { createEnvelope, EventCatalogue, structuredModeHeaders } = require('@cpc/contracts');
const messaging = require('@cpc/messaging');

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLUSTER_STATE = join(ROOT, '.local', 'kafka-cluster');
const COUNT = Number(process.env.BENCH_EVENTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const PHASE_TIMEOUT_MS = Number(process.env.BENCH_PHASE_TIMEOUT_SECONDS ?? 120) * 1000;
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cpc_bench_cluster';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const RUN = randomUUID().slice(0, 8);
const logger = pino({ level: 'error' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Run under the heavy-work lock, this starts right after another job, whose work the 1-minute figure
// still holds for a while: wait up to BENCH_LOAD_WAIT_SECONDS (120) for it to come down first.
const { load, cores, overloaded } = await checkLoad({ waitSeconds: Number(process.env.BENCH_LOAD_WAIT_SECONDS ?? 120) });

/** Brokers of the cluster running now, by infra.sh's pid files. */
function runningBrokers() {
  return [1, 2, 3].filter((node) => {
    const file = join(CLUSTER_STATE, `node-${node}`, 'kafka.pid');
    if (!existsSync(file)) return false;
    try {
      process.kill(Number(readFileSync(file, 'utf8').trim()), 0);
      return true;
    } catch {
      return false;
    }
  });
}

function infra(command) {
  const result = spawnSync('bash', [join(ROOT, 'deploy', 'local', 'infra.sh'), command], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`infra.sh ${command} failed (${result.status ?? result.signal}):\n${result.stderr}`);
}

const startedCluster = runningBrokers().length === 0;
const children = new Set();
let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of children) child.kill('SIGKILL');
  if (startedCluster) {
    console.log('stopping the cluster this bench started');
    try {
      infra('cluster-down');
    } catch (error) {
      console.log(String(error.message));
    }
  }
}

const whole = setTimeout(
  async () => {
    console.log('gave up: the cluster event path bench did not finish within 15 min');
    await cleanUp();
    process.exit(1);
  },
  15 * 60_000,
);

console.log(startedCluster ? 'starting the three-broker cluster (infra.sh cluster-up)' : 'the cluster is already running (left running at the end)');
infra('cluster-up');
const clusterEnv = Object.fromEntries(
  readFileSync(join(CLUSTER_STATE, 'client.env'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const config = loadConfig(KafkaConnectionConfig, clusterEnv);
const layout = messaging.topicLayoutOf(config);
// No logger: kafkajs logs the retriable answers of a cluster that has just started (a topic not yet in
// a broker's metadata, a coordinator loading) as errors; what does not recover fails the phase instead.
const kafka = messaging.createKafka(messaging.kafkaSettingsOf(config, 'bench-cluster'));
const topics = [];

/** A topic (and its dead-letter twin) of this run only, laid out as the cluster's settings say. */
async function freshTopic(name) {
  const topic = `bench.cluster.${RUN}.${name}`;
  await messaging.ensureTopics(kafka, [topic, `${topic}.dlt`], layout);
  topics.push(topic, `${topic}.dlt`);
  return topic;
}

async function freshDatabase(topic) {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const dataSource = new DataSource({
    type: 'postgres',
    url: DB_URL,
    entities: [messaging.OutboxMessage, messaging.InboxRecord],
    migrations: [messaging.MessagingTables1763800000000],
    migrationsRun: true,
    extra: { max: 20 },
  });
  await dataSource.initialize();
  await dataSource.query(`CREATE FUNCTION bench_topic() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.topic := '${topic}'; RETURN NEW; END $$`);
  await dataSource.query('CREATE TRIGGER bench_topic BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION bench_topic()');
  return dataSource;
}

function eventData(conferenceId) {
  return {
    conferenceId,
    kind: 'ICPC',
    localAuthority: 'BENCH',
    scheduledStart: new Date(Date.now() + 86400_000).toISOString(),
    durationMinutes: 90,
    participationOption: 'FULL',
    warnings: [],
    children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
  };
}

async function runWriters(count, write, rate) {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        if (rate) {
          const due = started + (index * 1000) / rate;
          if (due > Date.now()) await sleep(due - Date.now());
        }
        await write();
      }
    }),
  );
}

/** Forks `replicas` consumer processes in one group; resolves when each has partitions and they add up. */
async function startReplicas(mode, replicas, topic) {
  const groupId = `bench-cluster-${RUN}-${topic.split('.').pop()}`;
  const fleet = [];
  const handled = new Map(); // event id -> latency ms (first handling)
  let duplicates = 0;
  let onHandled = () => undefined;
  for (let index = 0; index < replicas; index += 1) {
    const child = fork(join(HERE, 'cluster-event-path-replica.mjs'), [mode, String(index)], {
      env: { ...process.env, BENCH_REPLICA: JSON.stringify({ clusterEnv, topic, groupId, databaseUrl: DB_URL }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    const replica = { child, partitions: 0, exited: null, stopped: null };
    child.on('exit', (code, signal) => {
      children.delete(child);
      replica.exited = code ?? signal;
    });
    child.on('message', (message) => {
      if (message.type === 'joined') replica.partitions = message.partitions;
      if (message.type === 'stopped') replica.stopped = message;
      if (message.type !== 'handled') return;
      for (const [id, latency] of message.events) {
        if (handled.has(id)) duplicates += 1;
        else handled.set(id, latency);
      }
      onHandled();
    });
    fleet.push(replica);
  }
  await until(`${replicas} ${mode} replica(s) to join group ${groupId}`, 60_000, () => {
    const exited = fleet.find((r) => r.exited !== null);
    if (exited) throw new Error(`a ${mode} replica exited during start (${exited.exited})`);
    return fleet.every((r) => r.partitions > 0) && fleet.reduce((sum, r) => sum + r.partitions, 0) === layout.partitions;
  });
  const admin = kafka.admin();
  await admin.connect();
  await until(`group ${groupId} to be stable`, 60_000, async () => {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.state === 'Stable' && groups[0].members.length === replicas;
  });
  await admin.disconnect();
  return {
    handled,
    duplicates: () => duplicates,
    /** Resolves when `count` distinct events not in `exclude` have been handled; throws past the phase timeout. */
    async awaitHandled(what, count, exclude = new Set()) {
      const counted = () => [...handled.keys()].filter((id) => !exclude.has(id)).length;
      const deadline = Date.now() + PHASE_TIMEOUT_MS;
      for (;;) {
        const exited = fleet.find((r) => r.exited !== null);
        if (exited) throw new Error(`a ${mode} replica exited (${exited.exited}) during ${what}`);
        const seen = counted();
        if (seen >= count) return;
        if (Date.now() > deadline) {
          throw new Error(`gave up: ${seen} of ${count} events of ${what} handled within ${PHASE_TIMEOUT_MS / 1000} s`);
        }
        await new Promise((resolve) => {
          onHandled = resolve;
          setTimeout(resolve, 500);
        });
      }
    },
    async stop() {
      for (const r of fleet) r.child.send({ type: 'stop' });
      await until(`${mode} replicas to stop`, 30_000, () => fleet.every((r) => r.stopped || r.exited !== null));
      for (const r of fleet) r.child.kill('SIGKILL');
      return fleet.map((r) => r.stopped ?? { peakRss: NaN, published: NaN });
    },
  };
}

async function until(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (${timeoutMs / 1000} s)`);
    await sleep(100);
  }
}

/** One measured phase: warm-up, then `count` events burst or at `rate`; the figures and the replicas' reports. */
async function measure(name, fleet, produce, count, rate) {
  const warm = new Set(fleet.handled.keys());
  await produce(WARMUP);
  await fleet.awaitHandled(`${name} warm-up`, WARMUP);
  for (const id of fleet.handled.keys()) warm.add(id);
  const started = Date.now();
  await produce(count, rate);
  await fleet.awaitHandled(name, count, warm);
  const elapsed = Date.now() - started;
  const latencies = [...fleet.handled].filter(([id]) => !warm.has(id)).map(([, latency]) => latency);
  const duplicates = fleet.duplicates();
  const reports = await fleet.stop();
  const rssMB = Math.max(...reports.map((r) => r.peakRss)) / 2 ** 20;
  return { row: { name, ...summarise(latencies, elapsed, count), rssMB }, reports, duplicates };
}

/** The relay's producer settings: idempotent, one request in flight, its retries. */
async function bareProducer() {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    retry: messaging.RELAY_PRODUCER_RETRY,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

/** The bytes the relay sends for one event: its CloudEvent, structured mode, plus the time of the send. */
function bareMessage() {
  const id = randomUUID();
  const envelope = createEnvelope('/cpc/bench', EventCatalogue.ConferenceScheduled.schemaVersion, {
    type: 'ConferenceScheduled',
    conferenceId: id,
    localAuthority: 'BENCH',
    data: eventData(id),
  });
  return { key: id, value: JSON.stringify(envelope), headers: { ...structuredModeHeaders(envelope), sent: String(Date.now()) } };
}

/**
 * The baseline: one send per event from CONCURRENCY writers, as an application would publish. With
 * `batch`, one send of `batch` events at a time instead, as the relay sends a pass (burst only): what
 * kafkajs can carry on this cluster.
 */
async function bare(rate, batch) {
  const label = `bare kafkajs ${rate ? `${rate}/s` : batch ? `burst, sends of ${batch}` : 'burst'}`;
  const topic = await freshTopic(`bare-${rate ? 'steady' : batch ? 'batched' : 'burst'}`);
  const fleet = await startReplicas('bare', 1, topic);
  const producer = await bareProducer();
  const produce = batch
    ? async (count) => {
        for (let sent = 0; sent < count; sent += batch) {
          const messages = Array.from({ length: Math.min(batch, count - sent) }, bareMessage);
          await producer.send({ topic, acks: -1, messages });
        }
      }
    : (count, at) => runWriters(count, () => producer.send({ topic, acks: -1, messages: [bareMessage()] }), at);
  const result = await measure(label, fleet, produce, rate ? rate * STEADY_SECONDS : COUNT, rate);
  await producer.disconnect();
  return result;
}

/**
 * A cluster just started runs its JVMs' cold code: some traffic through it before the first phase, so
 * the phase measured first (the baseline) does not pay for the warming alone. Not measured.
 */
async function warmCluster() {
  const topic = await freshTopic('warm-up');
  const producer = await bareProducer();
  await runWriters(300, () => producer.send({ topic, acks: -1, messages: [bareMessage()] }));
  for (let i = 0; i < 10; i += 1) await producer.send({ topic, acks: -1, messages: Array.from({ length: 100 }, bareMessage) });
  await producer.disconnect();
}

async function system(replicas, rate) {
  const label = `${replicas} replica${replicas > 1 ? 's' : ''} ${rate ? `${rate}/s` : 'burst'}`;
  const topic = await freshTopic(`system-${replicas}-${rate ? 'steady' : 'burst'}`);
  const dataSource = await freshDatabase(topic);
  const fleet = await startReplicas('system', replicas, topic);
  const outbox = new messaging.Outbox('/cpc/bench');
  const write = () =>
    dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await outbox.append(manager, { type: 'ConferenceScheduled', conferenceId: id, localAuthority: 'BENCH', data: eventData(id) });
    });
  const produce = (count, at) => runWriters(count, write, at);
  const result = await measure(label, fleet, produce, rate ? rate * STEADY_SECONDS : COUNT, rate);
  const [{ unsent, rows }] = await dataSource.query(
    'SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent, count(*)::int AS rows FROM outbox',
  );
  const [{ inbox }] = await dataSource.query('SELECT count(*)::int AS inbox FROM inbox');
  await dataSource.destroy();
  const published = result.reports.map((r) => r.published).join(' + ');
  result.note = `${label}: relays published ${published} of ${rows} outbox rows (${unsent} unsent), inbox ${inbox}, duplicates handled ${result.duplicates}`;
  return result;
}

let exitCode = 0;
try {
  await warmCluster();
  const results = [await bare(), await bare(undefined, 200), await system(1), await system(2)];
  results.push(await bare(RATE), await system(1, RATE), await system(2, RATE));
  const after = loadavg();
  const notes = [
    `three brokers (KRaft, SASL_SSL SCRAM-SHA-512), topics: ${layout.partitions} partitions, replication ${layout.replicationFactor}, min.insync.replicas ${layout.minInsyncReplicas}; acks=all, idempotent producer`,
    `burst ${COUNT} events, steady ${RATE}/s for ${STEADY_SECONDS} s, ${CONCURRENCY} concurrent writers, ${WARMUP} warm-up events per phase not counted`,
    'latency: from the write (send call / outbox envelope time) to the consumer having applied it (inbox committed for the system); ms',
    'rssMB: peak RSS of the consumer process (bare) or of the larger replica process (system)',
    ...results.filter((r) => r.note).map((r) => r.note),
    `load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${after.map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min), ${cores} cores`,
  ];
  const burst = results.slice(0, 4).map((r) => r.row);
  const steady = results.slice(4).map((r) => r.row);
  report('cluster-event-path-burst', burst, burst[0].name, ['burst: throughput; latency includes the backlog']);
  report('cluster-event-path-steady', steady, steady[0].name, notes);
  for (const r of results) if (r.duplicates) console.log(`note: ${r.row.name} handled ${r.duplicates} event(s) twice`);
} catch (error) {
  console.log(`cluster event path bench failed: ${error.message}`);
  exitCode = 1;
}
try {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
} catch {
  // the topics are this run's only: left behind they cost disk, not correctness
}
await cleanUp();
clearTimeout(whole);
process.exit(exitCode);
