// Creates what the services need before they start: one database per service (and a *_test twin
// for the test suite), and every Kafka topic with its dead-letter twin. Waits for each dependency,
// with a clear message instead of a hang. `--status` only reports.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { Kafka } = require('kafkajs');
const { ensureTopics, kafkaClientConfig, kafkaRefusal, kafkaSettingsOf, topicLayoutOf } = require('@cpc/messaging');
const { KafkaConnectionConfig, loadConfig } = require('@cpc/config');
const { ALL_TOPICS } = require('@cpc/contracts');
const { default: Redis } = require('ioredis');

const SERVICES = ['conference', 'scheduling', 'documents', 'notifications', 'console'];
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const statusOnly = process.argv.includes('--status');
/** `--fresh-test-databases`: the *_test databases are dropped and made anew, so every test run starts from nothing (npm test). */
const freshTestDatabases = process.argv.includes('--fresh-test-databases');
const timeoutMs = Number(process.env.INFRA_START_TIMEOUT_SECONDS ?? 90) * 1000;

async function waitFor(name, attempt) {
  const started = Date.now();
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      // Wrong credentials or an untrusted certificate: waiting will not help.
      const refusal = kafkaRefusal(error);
      if (refusal) throw new Error(refusal);
      if (statusOnly || Date.now() - started > timeoutMs) throw new Error(`${name} is not available: ${error.message}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function postgres() {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await waitFor('PostgreSQL', () => client.connect());
  try {
    const wanted = SERVICES.flatMap((s) => [`cpc_${s}`, `cpc_${s}_test`]);
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [wanted]);
    const have = new Set(rows.map((r) => r.datname));
    const missing = wanted.filter((d) => !have.has(d));
    if (statusOnly) return `PostgreSQL up; databases ${missing.length ? `missing: ${missing.join(', ')}` : 'present'}`;
    for (const db of missing) await client.query(`CREATE DATABASE "${db}"`);
    if (freshTestDatabases) {
      // Test databases only: a test run's rows (thousands of pending deadlines, old deliveries) must not slow or steer the next.
      for (const db of SERVICES.map((s) => `cpc_${s}_test`).filter((d) => have.has(d))) {
        await client.query(`DROP DATABASE "${db}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${db}"`);
      }
      return `PostgreSQL up; ${missing.length} database(s) created; test databases made anew`;
    }
    return `PostgreSQL up; ${missing.length} database(s) created`;
  } finally {
    await client.end();
  }
}

async function redis() {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await waitFor('Redis', async () => {
      if (client.status !== 'ready')
        await client.connect().catch(async (e) => {
          client.disconnect();
          throw e;
        });
      await client.ping();
    });
    return 'Redis up';
  } finally {
    client.disconnect();
  }
}

async function kafka() {
  // The services' own Kafka settings (KAFKA_BROKERS, TLS, SASL, partitions, replication), validated the same way.
  const config = loadConfig(KafkaConnectionConfig);
  const kafka = new Kafka({ ...kafkaClientConfig(kafkaSettingsOf(config, 'cpc-bootstrap')), retry: { retries: 2 } });
  if (statusOnly) {
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    return `Kafka up; topics ${ALL_TOPICS.every((t) => topics.includes(t)) ? 'present' : 'missing'}`;
  }
  const created = await waitFor('Kafka', () => ensureTopics(kafka, undefined, topicLayoutOf(config)));
  return `Kafka up; ${created.length} topic(s) created`;
}

const results = await Promise.allSettled([postgres(), redis(), kafka()]);
let failed = false;
for (const result of results) {
  if (result.status === 'fulfilled') console.error(`[infra] ${result.value}`);
  else {
    failed = true;
    console.error(`[infra] ${statusOnly ? 'DOWN' : 'ERROR'}: ${result.reason.message}`);
  }
}
process.exit(failed ? 1 : 0);
