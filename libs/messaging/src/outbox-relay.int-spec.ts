import { EventCatalogue, exampleOf, payloadSchema, Topics } from '@cpc/contracts';
import { createLogger, MetricsRegistry } from '@cpc/observability';
import { Kafka as CloudEventsKafka, type CloudEvent } from 'cloudevents';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createKafka, kafkaSettingsFromEnvironment } from './kafka-connection';

// The tests' broker (KAFKA_BROKERS, set by test/setup-integration.ts), never the development stack's.
const BROKERS = kafkaSettingsFromEnvironment('relay-test').brokers;
import { OutboxMessage } from './messaging.entities';
import { MessagingTables1763800000000 } from './messaging.migration';
import { Outbox } from './outbox';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

// The relay against the real PostgreSQL and Kafka: structured-mode messages, the idempotent producer
// configured as kafkajs intends (no "Limiting retries" warning), and rows kept unsent while Kafka is away.
jest.setTimeout(90_000);
const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_conference_test';

interface Seen {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Polls until `probe` gives something truthy (a lib cannot import test/support). */
async function waitFor<T>(
  probe: () => Promise<T | false | null | undefined> | T | false | null | undefined,
  timeoutMs = 20_000,
  everyMs = 100,
) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, everyMs))) {
    const value = await probe();
    if (value) return value;
  }
  throw new Error(`waitFor timed out after ${timeoutMs} ms`);
}

describe('OutboxRelay', () => {
  let dataSource: DataSource;
  let probe: Consumer;
  const seen: Seen[] = [];
  const published = (conferenceId: string) => seen.filter((m) => m.key === conferenceId);
  const lines: string[] = [];
  const logger = createLogger(
    'relay-test',
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );

  beforeAll(async () => {
    // Its own migration, so the suite runs alone too (the conference service's migrations include it: run once).
    dataSource = await new DataSource({
      type: 'postgres',
      url: DATABASE_URL,
      entities: [OutboxMessage],
      migrations: [MessagingTables1763800000000],
      migrationsRun: true,
    }).initialize();
    probe = new Kafka({ clientId: 'relay-test-probe', brokers: BROKERS, logLevel: logLevel.NOTHING }).consumer({
      groupId: `relay-test-${randomUUID()}`,
    });
    const joined = new Promise<void>((resolve) => probe.on(probe.events.GROUP_JOIN, () => resolve()));
    await probe.connect();
    await probe.subscribe({ topics: [Topics.conference], fromBeginning: false });
    await probe.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        seen.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
      },
    });
    await joined;
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  beforeEach(() => {
    lines.length = 0;
  });
  afterAll(async () => {
    await probe?.disconnect();
    await dataSource?.destroy();
  });

  /** Commits one ConferenceScheduled to the outbox, as a use case would. */
  const appendEvent = async () => {
    const conferenceId = randomUUID();
    const data = { ...(exampleOf(payloadSchema(EventCatalogue.ConferenceScheduled.payload)) as object), conferenceId };
    await dataSource.transaction((manager) =>
      new Outbox('/cpc/conference').append(manager, { type: 'ConferenceScheduled', conferenceId, localAuthority: 'LBHF', data }),
    );
    return conferenceId;
  };
  const sentAt = async (conferenceId: string) =>
    ((await dataSource.query('SELECT sent_at FROM outbox WHERE message_key = $1', [conferenceId])) as { sent_at: Date | null }[])[0]
      ?.sent_at;
  const relayOn = (brokers: string[], options: Partial<OutboxRelayOptions> = {}) =>
    new OutboxRelay(
      dataSource,
      createKafka({ brokers, clientId: `relay-test-${randomUUID().slice(0, 8)}` }, logger),
      DATABASE_URL,
      { pollIntervalMs: 200, lockKey: 700_000 + Math.floor(Math.random() * 100_000), ...options },
      logger,
      new MetricsRegistry('relay-test'),
    );

  it('publishes in structured mode with the idempotent producer configured as kafkajs intends (no EoS warning)', async () => {
    const conferenceId = await appendEvent();
    const relay = relayOn(BROKERS);
    relay.onApplicationBootstrap();
    try {
      const [message] = await waitFor(() => published(conferenceId).length > 0 && published(conferenceId));
      const event = CloudEventsKafka.toEvent({
        key: message.key ?? undefined,
        headers: message.headers,
        value: message.value,
        body: undefined,
      }) as CloudEvent<unknown>;
      expect(event.validate()).toBe(true);
      expect([event.subject, message.key, message.headers['content-type']]).toEqual([
        conferenceId,
        conferenceId,
        'application/cloudevents+json; charset=UTF-8',
      ]);
      await waitFor(async () => (await sentAt(conferenceId)) !== null);
    } finally {
      await relay.beforeApplicationShutdown();
    }
    expect(lines.filter((line) => /Limiting retries|EoS/.test(line))).toEqual([]);
  });

  it('keeps rows unsent, logs and shuts down promptly while Kafka cannot be reached', async () => {
    const conferenceId = await appendEvent();
    const relay = relayOn(['127.0.0.1:9']);
    relay.onApplicationBootstrap();
    await waitFor(() => lines.some((line) => line.includes('outbox relay cannot publish yet')), 60_000, 200);
    expect(await sentAt(conferenceId)).toBeNull();
    const started = Date.now();
    await relay.beforeApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await sentAt(conferenceId)).toBeNull();
  });

  it('rolls a pass back when the broker does not acknowledge in time, and sends the rows on a later pass', async () => {
    const conferenceId = await appendEvent();
    const impatient = relayOn(BROKERS, { sendTimeoutMs: 1 });
    impatient.onApplicationBootstrap();
    await waitFor(() => lines.some((line) => line.includes('did not acknowledge the outbox batch within 1 ms')), 30_000, 50);
    await impatient.beforeApplicationShutdown();
    expect(await sentAt(conferenceId)).toBeNull();
    const patient = relayOn(BROKERS);
    patient.onApplicationBootstrap();
    try {
      await waitFor(async () => (await sentAt(conferenceId)) !== null, 30_000, 100);
    } finally {
      await patient.beforeApplicationShutdown();
    }
    await waitFor(() => published(conferenceId).length > 0);
  });

  it('sends nothing while another relay holds the lock, and everything once it lets go', async () => {
    const lockKey = 800_000 + Math.floor(Math.random() * 100_000);
    const other = new Client({ connectionString: DATABASE_URL }); // stands for the replica that is relaying
    await other.connect();
    await other.query('SELECT pg_advisory_lock($1)', [lockKey]);
    const relay = relayOn(BROKERS, { lockKey });
    relay.onApplicationBootstrap();
    try {
      const conferenceId = await appendEvent();
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // NOTIFY and several polls
      expect(await sentAt(conferenceId)).toBeNull();
      expect(published(conferenceId)).toEqual([]);
      await other.query('SELECT pg_advisory_unlock($1)', [lockKey]);
      await waitFor(async () => (await sentAt(conferenceId)) != null);
      await waitFor(() => published(conferenceId).length > 0);
    } finally {
      await relay.beforeApplicationShutdown();
      await other.end();
    }
  });

  it('drains a backlog larger than a batch in one wake-up, full batch after full batch', async () => {
    await waitFor(
      async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n) === 0,
      30_000,
    );
    const backlog: string[] = [];
    for (let i = 0; i < 23; i += 1) backlog.push(await appendEvent());
    // Batches of 5 and no poll to speak of: 5 + 5 + 5 + 5 + 3 go out on the one wake-up a start gives.
    const relay = relayOn(BROKERS, { pollIntervalMs: 60_000, batchSize: 5 });
    relay.onApplicationBootstrap();
    try {
      await waitFor(async () => {
        const unsent = await dataSource.query('SELECT count(*) AS n FROM outbox WHERE message_key = ANY($1) AND sent_at IS NULL', [
          backlog,
        ]);
        return Number(unsent[0].n) === 0;
      }, 10_000);
      await waitFor(() => backlog.every((id) => published(id).length > 0));
    } finally {
      await relay.beforeApplicationShutdown();
    }
  });

  it('stopping makes one last pass: an event committed with no NOTIFY and no poll due goes out before the relay stops', async () => {
    const relay = relayOn(BROKERS, { pollIntervalMs: 60_000 });
    relay.onApplicationBootstrap();
    let conferenceId: string;
    try {
      await waitFor(
        async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n) === 0,
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // the start's pass is over: the relay sleeps on its minute
      // Committed silently: in replica mode the outbox trigger does not fire, so no NOTIFY wakes the relay.
      conferenceId = randomUUID();
      await dataSource.transaction(async (manager) => {
        await manager.query("SET LOCAL session_replication_role = 'replica'");
        const data = { ...(exampleOf(payloadSchema(EventCatalogue.ConferenceScheduled.payload)) as object), conferenceId };
        await new Outbox('/cpc/conference').append(manager, { type: 'ConferenceScheduled', conferenceId, localAuthority: 'LBHF', data });
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await sentAt(conferenceId)).toBeNull(); // nothing woke it
    } finally {
      await relay.beforeApplicationShutdown();
    }
    expect(await sentAt(conferenceId!)).not.toBeNull();
    await waitFor(() => published(conferenceId).length > 0);
  });

  it('refuses a batch size below one (LIMIT 0 would drain for ever)', () => {
    expect(() => relayOn(BROKERS, { batchSize: 0 })).toThrow(RangeError);
  });

  it('with the poll all but off, every event goes out on its NOTIFY, also one committed while a pass is running', async () => {
    // Only NOTIFY wakes this relay: every burst's last event must go on its own NOTIFY, in well under the minute.
    // (A NOTIFY landing between a pass's last SELECT and its sleep used to wait for the poll; that window is a
    // millisecond or two, which these bursts hit only by chance: this checks the NOTIFY path, not that window.)
    const relay = relayOn(BROKERS, { pollIntervalMs: 60_000 });
    relay.onApplicationBootstrap();
    try {
      await waitFor(
        async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n) === 0,
        30_000,
      );
      const sentAfter: number[] = [];
      for (let round = 0; round < 10; round += 1) {
        const burst: string[] = [];
        for (let i = 0; i < 10; i += 1) {
          burst.push(await appendEvent());
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5)));
        }
        const committed = Date.now();
        await waitFor(
          async () => {
            const unsent = await dataSource.query('SELECT count(*) AS n FROM outbox WHERE message_key = ANY($1) AND sent_at IS NULL', [
              burst,
            ]);
            return Number(unsent[0].n) === 0;
          },
          10_000,
          20,
        );
        sentAfter.push(Date.now() - committed);
      }
      console.info(`last event of each burst sent after ${sentAfter.join(', ')} ms`);
    } finally {
      await relay.beforeApplicationShutdown();
    }
  });
});
