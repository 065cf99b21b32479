// Issue 2 benchmark: events/s and end-to-end latency of outbox -> relay -> Kafka -> inbox consumer,
// next to bare kafkajs produce -> consume on the same broker, in the same run. Both sides write with
// the same concurrency and the same payloads; the system side pays for the PostgreSQL transaction
// on each side (outbox row, inbox row) that makes "never lost, never doubled" true.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { report, summarise } from './stats.mjs';
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const pino = require('pino');
const messaging = require('@cpc/messaging');
const { MetricsRegistry } = require('@cpc/observability');

const COUNT = Number(process.env.BENCH_EVENTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const DB = 'cpc_bench';
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const logger = pino({ level: 'error' });
const kafka = new Kafka({ clientId: 'bench', brokers: BROKERS, logLevel: logLevel.NOTHING });

function payload(conferenceId) {
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

// Burst: as fast as CONCURRENCY writers go (throughput). Steady: RATE writes a second (latency
// without a backlog, which is what a conference's users feel).
async function runWriters(count, write, rate) {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        if (rate) {
          const due = started + (index * 1000) / rate;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        await write();
      }
    }),
  );
}

/** A topic of this run only: deleting and re-creating one name races the broker's deletion. */
async function freshTopic(prefix) {
  const name = `${prefix}.${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: 3, replicationFactor: 1 }] });
  await admin.disconnect();
  return name;
}

async function dropTopic(name) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [name] }).catch(() => undefined);
  await admin.disconnect();
}

/**
 * A consumer of its own group on `topic`. `fromEnd`: it starts at the high watermarks taken before it joins, so a
 * shared topic's history (the dev stack's events, earlier bench runs' thousands) is not read first: reading it
 * had put the catch-up into this run's latencies (p99 0.9 s at 100/s while p50 was 3 ms).
 */
async function consumeUntil(topic, count, onMessage, { fromEnd = false } = {}) {
  let ends = [];
  if (fromEnd) {
    const admin = kafka.admin();
    await admin.connect();
    ends = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, sessionTimeout: 6000, heartbeatInterval: 500 });
  let seen = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async (args) => {
      await onMessage(args);
      seen += 1;
      if (seen >= count) done();
    },
  });
  for (const { partition, high } of ends) consumer.seek({ topic, partition, offset: high });
  await joined;
  return { finished, stop: () => consumer.disconnect() };
}

async function bareKafkajs(rate) {
  const topic = await freshTopic('bench.raw');
  const latencies = [];
  const reader = await consumeUntil(topic, COUNT, async ({ message }) => {
    latencies.push(Date.now() - Number(message.headers.sent.toString()));
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const started = Date.now();
  await runWriters(
    COUNT,
    async () => {
      const id = randomUUID();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: id, value: JSON.stringify(payload(id)), headers: { sent: String(Date.now()) } }],
      });
    },
    rate,
  );
  await reader.finished;
  const elapsed = Date.now() - started;
  await producer.disconnect();
  await reader.stop();
  await dropTopic(topic);
  return { name: `bare kafkajs ${rate ? `${rate}/s` : 'burst'}`, ...summarise(latencies, elapsed, COUNT) };
}

async function outboxPipeline(rate) {
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
  const topic = 'conference.events';
  const metrics = new MetricsRegistry('bench');
  const relay = new messaging.OutboxRelay(dataSource, kafka, DB_URL, { pollIntervalMs: 250, lockKey: 4242 }, logger, metrics);
  const consumer = new messaging.EventConsumer(
    dataSource,
    new messaging.DeadLetterPublisher(kafka),
    { consumer: 'bench' },
    logger,
    metrics,
  );
  const outbox = new messaging.Outbox('/cpc/bench');
  const latencies = [];
  const ours = new Set();
  const reader = await consumeUntil(
    topic,
    Infinity,
    async ({ topic: t, partition, message }) => {
      let value;
      try {
        value = JSON.parse(message.value.toString());
      } catch {
        return; // others' malformed messages on the shared topic (the e2e dead-letter test leaves one)
      }
      if (value?.localauthority !== 'BENCH' || !ours.has(value.id)) return;
      await consumer.consume(
        { topic: t, partition, offset: message.offset, key: message.key?.toString() ?? null, value, headers: {} },
        {
          ConferenceScheduled: async () => {
            latencies.push(Date.now() - Date.parse(value.time));
          },
        },
      );
      if (latencies.length >= COUNT) finish();
    },
    { fromEnd: true },
  );
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  relay.onApplicationBootstrap();
  const started = Date.now();
  await runWriters(
    COUNT,
    async () => {
      const id = randomUUID();
      await dataSource.transaction(async (manager) => {
        const envelope = await outbox.append(manager, {
          type: 'ConferenceScheduled',
          conferenceId: id,
          localAuthority: 'BENCH',
          data: payload(id),
        });
        ours.add(envelope.id);
      });
    },
    rate,
  );
  await finished;
  const elapsed = Date.now() - started;
  await relay.beforeApplicationShutdown();
  await reader.stop();
  await dataSource.destroy();
  return { name: `outbox -> kafka -> inbox ${rate ? `${rate}/s` : 'burst'}`, ...summarise(latencies, elapsed, COUNT) };
}

const RATE = Number(process.env.BENCH_RATE ?? 100);
const burstBase = await bareKafkajs();
const burst = await outboxPipeline();
const steadyBase = await bareKafkajs(RATE);
const steady = await outboxPipeline(RATE);
report('messaging-pipeline-burst', [burstBase, burst], burstBase.name, ['burst: throughput; latency includes the backlog']);
report('messaging-pipeline-steady', [steadyBase, steady], steadyBase.name, [
  `${COUNT} events, ${CONCURRENCY} concurrent writers, one broker (KRaft, local), acks=all, idempotent producer`,
  'latency: from the write (send call / outbox envelope time) to the consumer having applied it; ms',
]);
process.exit(0);
