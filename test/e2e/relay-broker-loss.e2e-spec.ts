import { KafkaConnectionConfig, loadConfig } from '@cpc/config';
import type { EventEnvelope } from '@cpc/contracts';
import { createKafka, ensureTopics, kafkaSettingsOf, MessagingTables1763800000000, OutboxRelay, topicLayoutOf } from '@cpc/messaging';
import { createLogger, MetricsRegistry } from '@cpc/observability';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TopicProbe, waitFor } from '../support';

// Issue 13: the outbox relay loses no row it marked sent while the cluster's brokers are SIGKILLed under it, one
// after another. A fresh-clone burst run found four acknowledged events on no partition. The cause is kafkajs
// 2.2.4's sendBatch (tulios/kafkajs#1798): when the request to one broker fails and another broker has answered,
// the retry skips every broker that has answered, so the partitions that moved to it are never sent, and sendBatch
// resolves all the same. The relay now checks the answer partition by partition (acknowledged-batch.ts).
// Here, rows of many keys go through the relay on a three-broker cluster (replication 3, min.insync.replicas 2)
// while brokers are killed and restarted in turn; then every row marked sent must be on the topic, and each key's
// events in the order they were written. The defect needs a kill while a request is in flight to the victim and
// after another broker answered: small batches keep the relay always sending, and here one kill in four hit it.
// Without the check, the first such run lost 15 of 56,920 rows.
jest.setTimeout(600_000);

const ROOT = join(__dirname, '..', '..');
const CLUSTER_STATE = join(ROOT, '.local', 'kafka-cluster');
const INFRA = join(ROOT, 'deploy', 'local', 'infra.sh');
const DATABASE = 'cpc_relay_loss_test';
const KEYS = 300;
const ROWS_PER_TICK = 40;
const TICK_MS = 50;
const ROUNDS = 4;
const BATCH = 20;

const hasJava = spawnSync('java', ['-version']).status === 0;
if (!hasJava) console.warn('relay-broker-loss.e2e-spec: skipped, no java on this machine to run the three-broker cluster');
const describeWithJava = hasJava ? describe : describe.skip;

/** infra.sh without blocking this process's event loop: the relay under test runs in it. */
function infra(command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [INFRA, command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`infra.sh ${command} exited ${code}:\n${stderr}`))));
  });
}

function clusterEnvironment(): Record<string, string> {
  const lines = readFileSync(join(CLUSTER_STATE, 'client.env'), 'utf8').trim().split('\n');
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const brokerPid = (node: number) => Number(readFileSync(join(CLUSTER_STATE, `node-${node}`, 'kafka.pid'), 'utf8'));
const alive = (pid: number) => spawnSync('kill', ['-0', String(pid)]).status === 0;

describeWithJava('the outbox relay while brokers of a three-broker cluster are SIGKILLed', () => {
  const topic = `relay-loss-${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource | undefined;
  let relay: OutboxRelay | undefined;
  let probe: TopicProbe | undefined;

  afterAll(async () => {
    await probe?.stop();
    await relay?.beforeApplicationShutdown();
    await dataSource?.destroy();
    await infra('cluster-down').catch((error: Error) => console.warn(error.message));
  });

  it('has every row it marked sent on the topic, each key in order, after brokers died in turn', async () => {
    await infra('cluster-up');
    const config = loadConfig(KafkaConnectionConfig, clusterEnvironment());
    const kafka = createKafka(kafkaSettingsOf(config, 'relay-loss'));
    await ensureTopics(kafka, [topic], topicLayoutOf(config));

    await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${DATABASE}`);
    const url = `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
    dataSource = await new DataSource({
      type: 'postgres',
      url,
      migrations: [MessagingTables1763800000000],
      migrationsRun: true,
    }).initialize();
    const metrics = new MetricsRegistry('relay-loss');
    relay = new OutboxRelay(
      dataSource,
      kafka,
      url,
      { pollIntervalMs: 200, lockKey: 4242, sendTimeoutMs: 60_000, batchSize: BATCH },
      createLogger('relay-loss', 'warn'),
      metrics,
    );
    relay.onApplicationBootstrap();

    // The writer: ROWS_PER_TICK rows every TICK_MS over KEYS keys, each key's rows numbered in the order written.
    const keys = Array.from({ length: KEYS }, () => randomUUID());
    const written = new Map<string, number>(keys.map((key) => [key, 0]));
    let writing = true;
    let rows = 0;
    const writer = (async () => {
      while (writing) {
        const batch = Array.from({ length: ROWS_PER_TICK }, () => {
          const key = keys[Math.floor(Math.random() * KEYS)];
          const n = written.get(key)! + 1;
          written.set(key, n);
          const envelope: EventEnvelope & { n: number } = {
            specversion: '1.0',
            id: randomUUID(),
            source: 'relay-loss-test',
            type: 'RelayLossProbe',
            subject: key,
            time: new Date().toISOString(),
            datacontenttype: 'application/json',
            schemaversion: 1,
            localauthority: 'LA-RELAY-LOSS',
            data: {},
            n,
          };
          return envelope;
        });
        await dataSource!.query(
          `INSERT INTO outbox (event_id, topic, message_key, type, envelope)
           SELECT (e->>'id')::uuid, $1, e->>'subject', e->>'type', e FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS a(e, i) ORDER BY i`,
          [topic, JSON.stringify(batch)],
        );
        rows += batch.length;
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      }
    })();

    // ROUNDS rounds: SIGKILL the leader of a partition (a different one each round) while the relay is sending,
    // let the relay carry on without it, start it again and wait for it to be back in every partition's ISR.
    const admin = kafka.admin();
    await admin.connect();
    const partitionsNow = async () => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions;
    const killed: number[] = [];
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      for (let round = 0; round < ROUNDS; round++) {
        const partitions = await partitionsNow();
        const victim = partitions[round % partitions.length].leader;
        const pid = brokerPid(victim);
        process.kill(pid, 'SIGKILL');
        killed.push(victim);
        await waitFor(() => !alive(pid), 10_000);
        await new Promise((resolve) => setTimeout(resolve, 8000));
        await infra('cluster-up');
        await waitFor(
          async () => {
            const now = await partitionsNow().catch(() => []);
            return now.length > 0 && now.every((p) => p.isr.length === 3);
          },
          120_000,
          500,
        );
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    } finally {
      writing = false;
      await writer;
      await admin.disconnect();
    }
    expect(killed).toHaveLength(ROUNDS);

    // Every row sent...
    await waitFor(
      async () => Number((await dataSource!.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n) === 0,
      240_000,
      500,
    );
    const outbox = (await dataSource.query('SELECT event_id, message_key FROM outbox ORDER BY seq')) as {
      event_id: string;
      message_key: string;
    }[];
    expect(outbox).toHaveLength(rows);

    // ...and on the topic, for a reader that starts afterwards from the beginning.
    probe = await new TopicProbe([topic], kafkaSettingsOf(config, 'relay-loss-reader'), { fromBeginning: true }).start();
    const ids = new Set(outbox.map((row) => row.event_id));
    const missing = () => {
      const seen = new Set(probe!.messages.map((m) => m.json?.id as string));
      return [...ids].filter((id) => !seen.has(id));
    };
    await waitFor(() => missing().length === 0, 120_000, 500).catch(() => undefined);
    const lost = missing();
    expect({ lost: lost.length, of: rows, examples: lost.slice(0, 5) }).toEqual({ lost: 0, of: rows, examples: [] });

    // Each key in order: the first time each number of a key is read (a re-send may repeat some) is in ascending order.
    const byKey = new Map<string, number[]>();
    for (const message of [...probe.messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
      const list = byKey.get(message.key!) ?? [];
      if (!list.includes(message.json.n)) list.push(message.json.n);
      byKey.set(message.key!, list);
    }
    const outOfOrder = [...byKey].filter(([, ns]) => ns.some((n, i) => n !== i + 1));
    expect(outOfOrder.slice(0, 3)).toEqual([]);
    expect(byKey.size).toBe([...written.values()].filter((n) => n > 0).length);
    console.info(
      `relay-broker-loss: ${rows} rows over ${byKey.size} keys, ${probe.messages.length} messages read, brokers killed ${killed.join(', ')}; ` +
        `messages sent again after an answer without their partition: ${(await metrics.eventsResent.get()).values.reduce((n, v) => n + v.value, 0)}`,
    );
  });
});
