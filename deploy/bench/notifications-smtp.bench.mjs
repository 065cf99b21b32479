// Issue 6 benchmark: messages per second through the notifications service's SMTP path (event on
// Kafka → inbox → row in PostgreSQL → BullMQ → nodemailer over STARTTLS → the local SMTP stand-in),
// next to bare nodemailer sending the same number of messages to the same stand-in, with the same
// concurrency, in the same run (ratio). The stand-ins are spawned for the run on free ports; the
// service runs in this process from its built dist (npm run bench builds first).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { report } from './stats.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Kafka, logLevel } = require('kafkajs');
const { createTransport } = require('nodemailer');
const { loadConfig } = require('@cpc/config');
const { startService } = require('@cpc/runtime');
const { createEnvelope, Topics } = require('@cpc/contracts');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path) => require(join(ROOT, 'services/notifications/dist', path));
const { NotificationsConfig } = dist('notifications.config.js');
const { notificationsService } = dist('notifications.definition.js');

const COUNT = Number(process.env.BENCH_MESSAGES ?? 1000);
const CONCURRENCY = 5; // the service's SEND_CONCURRENCY default, for both sides
// The service's SMTP pool defaults (SMTP_POOL_CONNECTIONS, SMTP_POOL_MAX_MESSAGES), for both sides (issue 15 item 5).
const POOL = { pool: true, maxConnections: CONCURRENCY, maxMessages: 100 };
// And the service's socket, from its own code: Nagle's algorithm off (nodemailer's own keeps it on and waits out the
// server's delayed ACK, 48 ms a message a connection). The baseline is bare nodemailer at its best.
const { connectWithoutDelay } = dist('infrastructure/channels/smtp-email.channel.js');
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

function startStandins() {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'deploy/local/standins/run-standins.mjs'),
      '--smtp-port',
      '0',
      '--smtp-http-port',
      '0',
      '--notify-port',
      '0',
      '--exit-with-parent',
    ],
    {
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stand-ins exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const ready = /^STANDINS_READY (.*)$/.exec(line);
      if (ready) resolve({ ...JSON.parse(ready[1]), child });
    });
  });
}

const DOMAIN = `bench-${randomUUID().slice(0, 8)}.example`;

/** Messages of this run only (recipients at its own domain). */
async function received(smtp) {
  const { messages } = await (await fetch(`${smtp.httpUrl}/messages`)).json();
  return messages.filter((m) => m.recipients.some((r) => r.endsWith(`@${DOMAIN}`))).length;
}

/**
 * The service's new consumer group starts at the end of each topic: the run measures only its own events.
 * Committed as the high watermarks themselves: kafkajs's resetOffsets commits -1 ("latest"), which its
 * consumer reads as no offset and replaces with the subscription's fromBeginning, so the service read
 * every event earlier runs had left on the topics before this run's (issue 15's "first event ~14 s late").
 */
async function startAtLatest(groupId) {
  const admin = new Kafka({ clientId: 'bench-admin', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  for (const topic of [Topics.conference, Topics.scheduling, Topics.documents]) {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
  }
  await admin.disconnect();
}

/** Waits until the consumer group is Stable with a member: a broker just started can take many seconds. */
async function groupStable(groupId, timeoutMs = 120_000) {
  const admin = new Kafka({ clientId: 'bench-admin', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 250))) {
      const [group] = (await admin.describeGroups([groupId])).groups;
      if (group.state === 'Stable' && group.members.length > 0) return;
    }
    throw new Error(`consumer group ${groupId} not stable within ${timeoutMs} ms`);
  } finally {
    await admin.disconnect();
  }
}

async function clear(smtp) {
  await fetch(`${smtp.httpUrl}/messages`, { method: 'DELETE' });
}

async function waitForCount(smtp, count, timeoutMs = 600_000) {
  const started = Date.now();
  for (;;) {
    const total = await received(smtp);
    if (total >= count) return Date.now();
    if (Date.now() - started > timeoutMs) throw new Error(`only ${total}/${count} messages arrived`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function bareNodemailer(smtp) {
  await clear(smtp);
  const transport = createTransport({
    ...POOL,
    getSocket: connectWithoutDelay(smtp.host, smtp.port),
    host: smtp.host,
    port: smtp.port,
    secure: false,
    requireTLS: true,
    auth: { user: smtp.user, pass: smtp.password },
    tls: { ca: readFileSync(smtp.caFile, 'utf8') },
  });
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const index = next++;
        await transport.sendMail({ from: 'cpc@council.example', to: `bench-${index}@${DOMAIN}`, subject: 'Bench', text: 'Bench message.' });
      }
    }),
  );
  const finished = await waitForCount(smtp, COUNT);
  transport.close();
  return {
    name: 'bare nodemailer (STARTTLS, pooled, no Nagle)',
    count: COUNT,
    seconds: (finished - started) / 1000,
    perSecond: COUNT / ((finished - started) / 1000),
  };
}

async function throughService(smtp, notify) {
  await clear(smtp);
  const config = loadConfig(NotificationsConfig, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cpc_notifications_test',
    KAFKA_GROUP_ID: `bench-notifications-${randomUUID().slice(0, 8)}`,
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    SMTP_USER: smtp.user,
    SMTP_PASSWORD: smtp.password,
    SMTP_CA_FILE: smtp.caFile,
    NOTIFY_BASE_URL: notify.baseUrl,
    NOTIFY_API_KEY: notify.apiKey,
    QUEUE_PREFIX: `bench-notifications-${randomUUID().slice(0, 8)}`,
    SEND_RATE_PER_SECOND: '10000',
    SEND_CONCURRENCY: String(CONCURRENCY),
    SMTP_POOL_CONNECTIONS: String(POOL.maxConnections),
    SMTP_POOL_MAX_MESSAGES: String(POOL.maxMessages),
  });
  await startAtLatest(config.KAFKA_GROUP_ID);
  const service = await startService(notificationsService(config));
  await groupStable(config.KAFKA_GROUP_ID); // the clock starts once the service reads, not while its group forms
  const producer = new Kafka({ clientId: 'bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const started = Date.now();
  const batch = [];
  for (let index = 0; index < COUNT; index += 1) {
    const conferenceId = randomUUID();
    const data = {
      conferenceId,
      kind: 'ICPC',
      localAuthority: 'BENCH',
      scheduledStart: new Date(Date.now() + 72 * 3600_000).toISOString(),
      durationMinutes: 90,
      participationOption: 'FULL',
      children: [],
      warnings: [],
      participants: [
        { participantId: randomUUID(), role: 'PROFESSIONAL', firstName: 'Bench', lastName: `${index}`, email: `bench-${index}@${DOMAIN}` },
      ],
    };
    batch.push({
      key: conferenceId,
      value: JSON.stringify(createEnvelope('/cpc/bench', 1, { type: 'ConferenceScheduled', conferenceId, localAuthority: 'BENCH', data })),
    });
  }
  for (let i = 0; i < batch.length; i += 200) await producer.send({ topic: Topics.conference, messages: batch.slice(i, i + 200) });
  const finished = await waitForCount(smtp, COUNT);
  await producer.disconnect();
  const memory = process.memoryUsage().rss;
  await service.close();
  return {
    row: {
      name: 'service: Kafka → inbox → PostgreSQL → BullMQ → SMTP',
      count: COUNT,
      seconds: (finished - started) / 1000,
      perSecond: COUNT / ((finished - started) / 1000),
    },
    memory,
  };
}

const standins = await startStandins();
try {
  const bare = await bareNodemailer(standins.smtp);
  const { row, memory } = await throughService(standins.smtp, standins.notify);
  report('notifications-smtp', [bare, row], bare.name, [
    `${COUNT} messages, ${CONCURRENCY} in flight on both sides over a pool of ${POOL.maxConnections} connections (${POOL.maxMessages} messages each), one SMTP stand-in (STARTTLS, AUTH) spawned for the run, 2 cores`,
    'service figure includes recording each message in PostgreSQL before it goes, the BullMQ round trip and the NotificationSent event in the same transaction as the status',
    `process RSS after the service run: ${Math.round(memory / 1024 / 1024)} MB`,
  ]);
} finally {
  standins.child.kill('SIGTERM');
}
process.exit(0);
