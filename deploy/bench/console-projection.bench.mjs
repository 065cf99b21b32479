// Issue 14 "Measured": the console's projection catching up from the beginning, events/s, next to a bare
// kafkajs consumer reading the same topics in the same run (ratio). BENCH_EVENTS (20,000) contract events
// of BENCH_EVENTS/20 conferences, 20 each over all four topics' shapes (scheduled with participants, a
// participant added, rescheduled, a step, started, concluded, circulated; deadlines scheduled, moved, met,
// breached; a report shared, the plan circulated, a recipient updated; messages sent, delivered, failed),
// built with the contracts' envelope builder (createEnvelope, structured mode headers) and written to four
// topics of this run (3 partitions each, keyed by conference id, as the relay writes them). Then:
//   (a) bare kafkajs: a new group reads the four topics from the beginning to the end, parsing each value;
//   (b) the console's projection: a new group reads them from the beginning into a fresh read-model
//       database (`cpc_bench_console_projection`, the console's migrations and the inbox), each event
//       through the console's own EventConsumer (inbox row and the projection's rows in one transaction)
//       and ConsoleProjection with its three stores, from services/console/dist.
// Both consumers run as the console's does (partitionsConsumedConcurrently 3, autoCommit, the same
// session settings); events/s is from the first message received to the last one applied, so the group
// join (shown apart) is not in it. Why (b) drives the application classes and not `node dist/main.js`:
// the topic names are not a setting (libs/contracts Topics, fixed in AllTopicsListener's @EventPattern),
// so a console process would read the shared topics and the machine's whole history, not this run's
// events. What (b) leaves out is the Nest Kafka transport's dispatch to the listener. The read model is
// checked at the end (one timeline line per event, every conference, deadline and notification there).
// Refuses to report when the 1-minute load average is above the core count (BENCH_IGNORE_LOAD=1
// overrides). Run `npx tsc -b services/console` first.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLoad, report } from './stats.mjs';
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const pino = require('pino');
const { createEnvelope, EventCatalogue, structuredModeHeaders, TOPIC_PARTITIONS, validateEnvelope } = require('@cpc/contracts');
const messaging = require('@cpc/messaging');
const { MetricsRegistry } = require('@cpc/observability');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path) => require(join(ROOT, 'services/console/dist', path));
const { ConsoleProjection } = dist('application/console-projection.js');
const { ConferenceViewStore } = dist('infrastructure/conference-view.store.js');
const { DeadlineViewStore } = dist('infrastructure/deadline-view.store.js');
const { DeliveryViewStore } = dist('infrastructure/delivery-view.store.js');
const { consoleService } = dist('console.definition.js');
const { ConsoleConfig } = dist('console.config.js');
const { loadConfig } = require('@cpc/config');

const PER_CONFERENCE = 20;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 600) * 1000;
const EVENTS = Math.ceil(Number(process.env.BENCH_EVENTS ?? 20_000) / PER_CONFERENCE) * PER_CONFERENCE;
const CONFERENCES = EVENTS / PER_CONFERENCE;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cpc_bench_console_projection';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const LAS = ['BENCH', 'BENCHX'];
const RUN = randomUUID().slice(0, 8);
const logger = pino({ level: 'error' });
const kafka = new Kafka({ clientId: 'console-projection-bench', brokers: BROKERS, logLevel: logLevel.NOTHING });

await checkLoad();

/** This run's own topic for each of the four: `bench.console.<run>.conference.events`, and so on. */
const benchTopic = (topic) => `bench.console.${RUN}.${topic}`;

/** One conference's 20 events, as the four services publish them, over four weeks of event time. */
function conferenceEvents(index) {
  const conferenceId = randomUUID();
  const la = LAS[index % LAS.length];
  const base = Date.parse('2026-09-01T08:00:00Z') + index * 60_000;
  const iso = (ms) => new Date(ms).toISOString();
  const hour = 3600_000;
  const start = base + 20 * 24 * hour;
  const moved = start + 2 * 24 * hour;
  const ids = { chair: randomUUID(), parent: randomUUID(), sw: randomUUID(), circulation: randomUUID(), plan: randomUUID() };
  const deadlines = [randomUUID(), randomUUID(), randomUUID()];
  const deadline = (i, kind, dueAt, status, version = 1) => ({
    deadlineId: deadlines[i],
    kind,
    description: `${kind} in plain words`,
    dueAt: iso(dueAt),
    version,
    status,
    conferenceStart: iso(moved),
    responsible: ['CHAIR', 'SOCIAL_WORKER'],
  });
  const message = (channel, at, attempts = 1) => ({
    notificationId: randomUUID(),
    deliveryId: randomUUID(),
    template: 'PLAN_DELIVERY',
    channel,
    recipientMasked: 'p***@f***.example',
    attempts,
    at: iso(at),
  });
  const events = [
    ['ConferenceScheduled', 0, {
      kind: index % 3 === 0 ? 'RCPC' : 'ICPC',
      localAuthority: la,
      team: `Team ${index % 8}`,
      scheduledStart: iso(start),
      durationMinutes: 90,
      participationOption: index % 5 === 0 ? 'THREE_PART' : 'FULL',
      children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      ...(index % 3 === 0 ? {} : { strategyDiscussionAt: iso(base - 24 * hour) }),
      warnings: [],
      participants: [
        { participantId: ids.chair, role: 'CHAIR', firstName: 'Chris', lastName: `Chair${index % 20}`, email: 'chris.chair@council.example', userId: `chair-${index % 20}` },
        { participantId: ids.parent, role: 'PARENT', firstName: 'Pat', lastName: 'Stone', email: 'pat.stone@family-mail.example', mobile: '07700 900123', contactConfirmed: false },
      ],
    }],
    ['ParticipantAdded', hour, { participant: { participantId: ids.sw, role: 'SOCIAL_WORKER', firstName: 'Sam', lastName: 'Worker', email: 'sam.worker@council.example' } }],
    ['DeadlineScheduled', 2 * hour, deadline(0, 'R-PREP-3', start - 24 * hour, 'PENDING')],
    ['DeadlineScheduled', 2 * hour + 1, deadline(1, 'R-PREP-7', start - 30 * 60_000, 'PENDING')],
    ['DeadlineScheduled', 2 * hour + 2, deadline(2, 'R-PREP-1', start - 48 * hour, 'PENDING')],
    ['ConferenceRescheduled', 3 * hour, { previousStart: iso(start), scheduledStart: iso(moved), reason: 'Chair unwell', warnings: [] }],
    ['DeadlineMoved', 3 * hour + 1, { ...deadline(0, 'R-PREP-3', moved - 24 * hour, 'PENDING', 2), previousDueAt: iso(start - 24 * hour) }],
    ['PreparationStepCompleted', 5 * 24 * hour, { step: 'R-PREP-2', completedAt: iso(base + 5 * 24 * hour), completedBy: 'user-sw' }],
    ['ReportShared', 6 * 24 * hour, {
      reportId: randomUUID(), shareId: randomUUID(), reportKind: 'SOCIAL_WORK', reportVersion: 1, audience: 'FAMILY',
      recipients: [ids.parent], sectionsShared: 2, sharedAt: iso(base + 6 * 24 * hour), sharedBy: 'user-sw', late: false,
    }],
    ['DeadlineMet', 7 * 24 * hour, { ...deadline(0, 'R-PREP-3', moved - 24 * hour, 'MET', 3), metAt: iso(base + 7 * 24 * hour) }],
    ['DeadlineBreached', moved - 48 * hour - base, {
      ...deadline(2, 'R-PREP-1', moved - 48 * hour, 'BREACHED', 2), breachedAt: iso(moved - 48 * hour), alert: ['CHAIR', 'TEAM_MANAGER'],
    }],
    ['ConferenceStarted', moved - base, { status: 'IN_PROGRESS', previousStatus: 'SCHEDULED', at: iso(moved) }],
    ['ConferenceConcluded', moved - base + 2 * hour, { concludedAt: iso(moved + 2 * hour), decision: 'Child protection plan', increasedRisk: index % 7 === 0, sensitiveCase: false }],
    ['PlanCirculated', moved - base + 26 * hour, {
      circulationId: ids.circulation, planId: ids.plan, planVersion: 1, circulatedAt: iso(moved + 26 * hour), complete: false,
      results: [
        { participantId: ids.sw, recipientRole: 'SOCIAL_WORKER', status: 'SENT', deliveryIds: [randomUUID()] },
        { participantId: ids.parent, recipientRole: 'PARENT', status: 'HELD', reasonCode: 'HELD_CONTACT_UNCONFIRMED', reason: 'contact not confirmed by the chair', deliveryIds: [] },
      ],
    }],
    ['NotificationSent', moved - base + 26 * hour + 1, message('SECURE_EMAIL', moved + 26 * hour)],
    ['ConferenceCirculated', moved - base + 26 * hour + 2, { status: 'CIRCULATED', previousStatus: 'CONCLUDED', at: iso(moved + 26 * hour) }],
    ['CirculationRecipientUpdated', moved - base + 30 * hour, {
      circulationId: ids.circulation, planId: ids.plan, planVersion: 1, at: iso(moved + 30 * hour), complete: true,
      recipient: { participantId: ids.parent, recipientRole: 'PARENT', status: 'SENT', deliveryIds: [randomUUID()] },
    }],
    ['NotificationSent', moved - base + 30 * hour + 1, message('EMAIL', moved + 30 * hour)],
    ['NotificationDelivered', moved - base + 30 * hour + 2, message('SMS', moved + 30 * hour)],
    ['NotificationFailed', moved - base + 31 * hour, { ...message('SMS', moved + 31 * hour, 3), reason: 'The number is not in use', failure: 'PERMANENT' }],
  ];
  return events.map(([type, offset, data]) =>
    createEnvelope(`/cpc/${EventCatalogue[type].topic.split('.')[0]}`, EventCatalogue[type].schemaVersion, {
      type,
      conferenceId,
      localAuthority: la,
      data: { conferenceId, ...data },
      time: new Date(base + offset),
    }),
  );
}

async function writeEvents() {
  // Every event valid and known as the consumer checks it, before anything is written: none may be
  // dead-lettered (that would not be a catch-up).
  const envelopes = Array.from({ length: CONFERENCES }, (_, i) => conferenceEvents(i)).flat();
  for (const envelope of envelopes) {
    const check = validateEnvelope(JSON.parse(JSON.stringify(envelope)));
    if (!check.ok || !check.known) throw new Error(`bench event ${envelope.type} is not valid: ${check.errors?.join('; ') ?? 'unknown type'}`);
  }
  const admin = kafka.admin();
  await admin.connect();
  const topics = [...new Set(Object.values(EventCatalogue).map((entry) => entry.topic))];
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((topic) => ({ topic: benchTopic(topic), numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 })),
  });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const counts = {};
  for (let i = 0; i < envelopes.length; i += 1000) {
    const byTopic = {};
    for (const envelope of envelopes.slice(i, i + 1000)) {
      counts[envelope.type] = (counts[envelope.type] ?? 0) + 1;
      (byTopic[benchTopic(EventCatalogue[envelope.type].topic)] ??= []).push({
        key: envelope.subject,
        value: JSON.stringify(envelope),
        headers: structuredModeHeaders(envelope),
      });
    }
    await producer.sendBatch({ acks: -1, topicMessages: Object.entries(byTopic).map(([topic, messages]) => ({ topic, messages })) });
  }
  await producer.disconnect();
  return { topics: topics.map(benchTopic), counts };
}

/** Reads the topics from the beginning with a new group, as the console's consumer runs, until `EVENTS` were handled. */
async function readAll(name, topics, eachMessage) {
  const consumer = kafka.consumer({
    groupId: `bench-console-${name}-${RUN}`,
    sessionTimeout: 10000,
    heartbeatInterval: 1000,
    allowAutoTopicCreation: false,
  });
  let seen = 0;
  let first;
  let last;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const started = performance.now();
  await consumer.run({
    autoCommit: true,
    partitionsConsumedConcurrently: 3,
    eachMessage: async (args) => {
      first ??= performance.now();
      await eachMessage(args);
      seen += 1;
      if (seen === EVENTS) {
        last = performance.now();
        done();
      }
    },
  });
  let timer;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: ${seen} of ${EVENTS} events after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([finished, timedOut]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  const seconds = (last - first) / 1000;
  return { name, events: seen, perSecond: seen / seconds, seconds, joinMs: first - started };
}

async function freshReadModel() {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  // The console's own migrations (console.definition.js) and the inbox's, on the pool the runtime gives it.
  const { migrations } = consoleService(loadConfig(ConsoleConfig, { NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: DB_URL }));
  const dataSource = new DataSource({
    type: 'postgres',
    url: DB_URL,
    entities: [messaging.OutboxMessage, messaging.InboxRecord],
    migrations: [messaging.MessagingTables1763800000000, ...migrations],
    migrationsRun: true,
    synchronize: false,
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  });
  await dataSource.initialize();
  return dataSource;
}

const stringHeaders = (headers) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v)]));

const t0 = Date.now();
const { topics, counts } = await writeEvents();
console.log(`${EVENTS} events of ${CONFERENCES} conferences written in ${((Date.now() - t0) / 1000).toFixed(1)} s to ${topics.join(', ')}`);
const dataSource = await freshReadModel();
try {
  const bare = await readAll('bare kafkajs: read the four topics', topics, async ({ message }) => {
    JSON.parse(message.value.toString('utf8'));
  });
  const consumer = new messaging.EventConsumer(
    dataSource,
    new messaging.DeadLetterPublisher(kafka),
    { consumer: 'console' },
    logger,
    new MetricsRegistry('bench'),
  );
  const handlers = new ConsoleProjection(
    new ConferenceViewStore(dataSource),
    new DeadlineViewStore(dataSource),
    new DeliveryViewStore(dataSource),
  ).handlers();
  const projection = await readAll('console projection: inbox + read model', topics, ({ topic, partition, message }) =>
    consumer.consume(
      {
        topic,
        partition,
        offset: message.offset,
        key: message.key === null ? null : message.key.toString(),
        value: message.value,
        headers: stringHeaders(message.headers),
      },
      handlers,
    ),
  );
  const [check] = (
    await dataSource.query(
      `SELECT (SELECT count(*)::int FROM console_timeline) AS lines, (SELECT count(*)::int FROM console_conferences) AS conferences,
              (SELECT count(*)::int FROM console_deadlines) AS deadlines, (SELECT count(*)::int FROM console_notifications) AS notifications,
              (SELECT count(*)::int FROM inbox WHERE consumer = 'console') AS inbox`,
    )
  );
  const expected = { lines: EVENTS, conferences: CONFERENCES, deadlines: 3 * CONFERENCES, notifications: 4 * CONFERENCES, inbox: EVENTS };
  const complete = Object.entries(expected).every(([key, n]) => check[key] === n);
  report('console-projection', [bare, projection], bare.name, [
    `${EVENTS} events, ${CONFERENCES} conferences, ${Object.keys(counts).length} types over 4 topics of ${TOPIC_PARTITIONS} partitions; one broker (KRaft, local)`,
    'perSecond: events from the first message received to the last applied (group join apart, joinMs)',
    `read model after the catch-up: ${JSON.stringify(check)} (expected ${JSON.stringify(expected)}): ${complete ? 'complete' : 'NOT complete'}`,
    'projection: the console\'s EventConsumer and ConsoleProjection from dist (the topic names are not configurable, so not its own process)',
  ]);
  if (!complete) process.exitCode = 1;
} finally {
  await dataSource.destroy();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined); // best effort: a topic left over is this run's alone
  await admin.disconnect();
}
process.exit(process.exitCode ?? 0);
