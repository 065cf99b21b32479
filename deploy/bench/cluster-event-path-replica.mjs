// One replica of cluster-event-path.bench.mjs, in a process of its own (forked with IPC), as a service
// replica runs the event path: the OutboxRelay on the service's outbox and a consumer in the service's
// group handing each message to the EventConsumer with its inbox (libs' dist classes, the settings
// libs/runtime gives them). `bare` mode is the baseline's consumer: kafkajs alone, same group settings.
// Each handled event goes to the parent as [event id, ms from its write to its handling]; on `stop`
// the replica reports its peak RSS and how many events its relay published, and exits.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { DataSource } = require('typeorm');
const pino = require('pino');
const { loadConfig, KafkaConnectionConfig } = require('@cpc/config');
const messaging = require('@cpc/messaging');
const { MetricsRegistry } = require('@cpc/observability');

const [mode, index] = process.argv.slice(2);
const { clusterEnv, topic, groupId, databaseUrl } = JSON.parse(process.env.BENCH_REPLICA);
const logger = pino({ level: 'error' });
const config = loadConfig(KafkaConnectionConfig, clusterEnv);
// No logger for kafkajs: it logs a rebalance's and a fresh cluster's retriable answers as errors.
const kafka = messaging.createKafka(messaging.kafkaSettingsOf(config, `bench-cluster-${mode}-${index}`));
const metrics = new MetricsRegistry('bench');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
let handled = [];
const flusher = setInterval(flush, 50);
function flush() {
  if (handled.length === 0) return;
  process.send({ type: 'handled', events: handled });
  handled = [];
}

let dataSource;
let relay;
let eventConsumer;
if (mode === 'system') {
  dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: [messaging.OutboxMessage, messaging.InboxRecord],
    extra: { max: 20, connectionTimeoutMillis: 5000 }, // the services' pool (libs/runtime)
  });
  await dataSource.initialize();
  // The services' poll fallback (OUTBOX_POLL_INTERVAL_MS) and one lock key shared by every replica.
  relay = new messaging.OutboxRelay(dataSource, kafka, databaseUrl, { pollIntervalMs: 250, lockKey: 4343 }, logger, metrics);
  eventConsumer = new messaging.EventConsumer(
    dataSource,
    new messaging.DeadLetterPublisher(kafka),
    { consumer: 'bench' },
    logger,
    metrics,
  );
}

// The consumer settings of libs/runtime's Kafka transport.
const consumer = kafka.consumer({
  groupId,
  sessionTimeout: 10000,
  heartbeatInterval: 1000,
  allowAutoTopicCreation: false,
  retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: Number.MAX_SAFE_INTEGER },
});
consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
  const partitions = Object.values(payload.memberAssignment).reduce((sum, list) => sum + list.length, 0);
  process.send({ type: 'joined', partitions });
});
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
const handlers = {
  ConferenceScheduled: async (envelope) => {
    handled.push([envelope.id, Date.now() - Date.parse(envelope.time)]);
  },
};
await consumer.run({
  autoCommit: true,
  partitionsConsumedConcurrently: 3,
  eachMessage: async ({ topic: from, partition, message }) => {
    if (mode === 'bare') {
      handled.push([message.key.toString(), Date.now() - Number(message.headers.sent.toString())]);
      return;
    }
    const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
    await eventConsumer.consume(
      { topic: from, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value, headers },
      handlers,
    );
  },
});
relay?.onApplicationBootstrap();

process.on('message', async (command) => {
  if (command?.type !== 'stop') return;
  await relay?.beforeApplicationShutdown();
  await consumer.disconnect().catch(() => undefined);
  flush();
  clearInterval(flusher);
  clearInterval(sampler);
  const published = (await metrics.eventsPublished.get()).values.reduce((sum, v) => sum + v.value, 0);
  await dataSource?.destroy();
  process.send({ type: 'stopped', peakRss: Math.max(peakRss, process.memoryUsage().rss), published }, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0)); // the parent has gone: nothing left to report to
process.send({ type: 'ready' });
