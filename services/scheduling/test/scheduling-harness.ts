import { createEnvelope, EventCatalogue, Topics, type EventType } from '@cpc/contracts';
import type { Role } from '@cpc/contracts';
import { startService, type RunningService } from '@cpc/runtime';
import IORedis from 'ioredis';
import { createKafka, kafkaSettingsFromEnvironment } from '@cpc/messaging';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, ContractEventPublisher, queryService, testConfig } from '../../../test/support';
import { WakeUpRebuild } from '../src/application/wake-up-rebuild';
import { SchedulingConfig } from '../src/scheduling.config';
import { schedulingService } from '../src/scheduling.definition';

// The local defaults, as testConfig uses them.
const REDIS_URL = new SchedulingConfig().REDIS_URL;
// The environment's Kafka settings (TLS, SASL if set): plaintext, the tests' broker 127.0.0.1:9192 (test/setup-integration.ts) unless told.
const kafka = createKafka(kafkaSettingsFromEnvironment('scheduling-int-spec'));

export interface DeadlineRow {
  id: string;
  kind: string;
  status: string;
  version: number;
  due_at: Date;
  breached_at: Date | null;
  met_at: Date | null;
  status_reason: string | null;
  reminders: { at: string; state: string }[];
}

/**
 * One scheduling service under test, on the real Kafka, PostgreSQL and Redis, with a queue prefix,
 * a consumer group and a local authority of its own, so its jobs, offsets and deadlines are its own.
 * The group starts at the end of the topics: what earlier runs left there is not replayed.
 */
export class SchedulingHarness {
  readonly la = `LA-${randomUUID().slice(0, 8)}`;
  readonly prefix = `cpc-test-${randomUUID().slice(0, 8)}`;
  readonly groupId = `cpc-scheduling-test-${randomUUID().slice(0, 8)}`;
  readonly instances: RunningService[] = [];
  private readonly publisher = new ContractEventPublisher('scheduling-int-spec');
  private redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 3 });

  constructor(private readonly settings: Record<string, string> = {}) {}

  static async start(settings: Record<string, string> = {}): Promise<SchedulingHarness> {
    const harness = await SchedulingHarness.prepare(settings);
    await harness.startInstance();
    return harness;
  }

  /** Everything but a running instance (a test that starts its own, e.g. as a separate process). */
  static async prepare(settings: Record<string, string> = {}): Promise<SchedulingHarness> {
    const harness = new SchedulingHarness(settings);
    await harness.startGroupAtEnd();
    await harness.publisher.start();
    return harness;
  }

  get settingsForProcess(): Record<string, string> {
    return { QUEUE_PREFIX: this.prefix, KAFKA_GROUP_ID: this.groupId, ...this.settings };
  }

  /** Another instance of the same service (same database, queue and consumer group). */
  async startInstance(overrides: Record<string, string> = {}): Promise<RunningService> {
    if (overrides.KAFKA_GROUP_ID) await this.startGroupAtEnd(overrides.KAFKA_GROUP_ID);
    const instance = await startService(schedulingService(testConfig(SchedulingConfig, { ...this.settingsForProcess, ...overrides })));
    this.instances.push(instance);
    return instance;
  }

  get service(): RunningService {
    return this.instances[0];
  }

  http() {
    return request(this.service.app.getHttpServer());
  }

  as(roles: Role[], la = this.la) {
    return bearer(roles, { la });
  }

  rebuild(instance = this.service) {
    return instance.app.get(WakeUpRebuild).rebuild('manual');
  }

  /** Produces an event as its owner would; `copies` > 1 sends the same envelope again (a redelivery). */
  async produce(type: EventType, conferenceId: string, data: object, topic: string = Topics.conference, copies = 1): Promise<string> {
    const envelope = createEnvelope(topic === Topics.documents ? '/cpc/documents' : '/cpc/conference', EventCatalogue[type].schemaVersion, {
      type,
      conferenceId,
      localAuthority: this.la,
      data,
    });
    await this.publisher.publish(topic, envelope, { copies });
    return envelope.id;
  }

  /** Produces ConferenceScheduled for a conference starting `startsInMs` from now. */
  async schedule(
    startsInMs: number,
    option: 'FULL' | 'THREE_PART' = 'FULL',
    copies = 1,
  ): Promise<{ conferenceId: string; scheduledStart: Date }> {
    const conferenceId = randomUUID();
    const scheduledStart = new Date(Date.now() + startsInMs);
    await this.produce(
      'ConferenceScheduled',
      conferenceId,
      {
        conferenceId,
        kind: 'ICPC',
        localAuthority: this.la,
        scheduledStart: scheduledStart.toISOString(),
        durationMinutes: 90,
        participationOption: option,
        children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
        warnings: [],
      },
      Topics.conference,
      copies,
    );
    return { conferenceId, scheduledStart };
  }

  /**
   * Writes `count` pending deadlines straight into PostgreSQL (ten kinds per conference), due evenly
   * from `firstDueInMs` to `firstDueInMs + spreadMs` from now: the state a busy service has, without
   * producing the events that led to it.
   */
  async seedPendingDeadlines(count: number, firstDueInMs: number, spreadMs: number): Promise<{ ids: string[]; conferenceIds: string[] }> {
    const kinds = [
      'R-PREP-2',
      'R-PREP-3',
      'R-PREP-4',
      'R-PREP-5',
      'R-PREP-6',
      'R-PREP-7',
      'R-PREP-8',
      'R-PREP-10',
      'R-PREP-11',
      'R-NOTDAY',
    ];
    const ids = Array.from({ length: count }, () => randomUUID());
    const conferenceIds = Array.from({ length: Math.ceil(count / kinds.length) }, () => randomUUID());
    const start = Date.now() + firstDueInMs;
    await queryService(
      'scheduling',
      `INSERT INTO deadlines (id, conference_id, local_authority, kind, description, status, version, due_at, conference_start, reminders, alert, responsible)
       SELECT id, conference_id, $3, kind, 'seeded for a test', 'PENDING', 1, due_at, due_at + interval '1 hour', '[]', '["CHAIR","TEAM_MANAGER"]', '["CHAIR"]'
       FROM unnest($1::uuid[], $2::uuid[], $4::text[], $5::timestamptz[]) AS seed(id, conference_id, kind, due_at)`,
      [
        ids,
        ids.map((_, i) => conferenceIds[Math.floor(i / kinds.length)]),
        this.la,
        ids.map((_, i) => kinds[i % kinds.length]),
        ids.map((_, i) => new Date(start + Math.floor((i * spreadMs) / Math.max(1, count - 1)))),
      ],
    );
    return { ids, conferenceIds };
  }

  /** How many DeadlineBreached events each of these deadlines has in the outbox. */
  async breachEventsPerDeadline(conferenceIds: string[]): Promise<Map<string, number>> {
    const rows = await queryService<{ id: string; count: string }>(
      'scheduling',
      `SELECT envelope->'data'->>'deadlineId' AS id, count(*) AS count FROM outbox
       WHERE type = 'DeadlineBreached' AND message_key = ANY($1) GROUP BY 1`,
      [conferenceIds],
    );
    return new Map(rows.map((row) => [row.id, Number(row.count)]));
  }

  async statusCounts(ids: string[]): Promise<Record<string, number>> {
    const rows = await queryService<{ status: string; count: string }>(
      'scheduling',
      'SELECT status, count(*) AS count FROM deadlines WHERE id = ANY($1) GROUP BY status',
      [ids],
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  async deadlines(conferenceId: string): Promise<DeadlineRow[]> {
    return queryService<DeadlineRow>('scheduling', 'SELECT * FROM deadlines WHERE conference_id = $1 ORDER BY kind', [conferenceId]);
  }

  /** Every deadline of these conferences in one query (one connection: a query per conference, all at once, exhausted max_connections). */
  async deadlinesOf(conferenceIds: string[]): Promise<DeadlineRow[]> {
    return queryService<DeadlineRow>('scheduling', 'SELECT * FROM deadlines WHERE conference_id = ANY($1) ORDER BY conference_id, kind', [
      conferenceIds,
    ]);
  }

  async deadline(conferenceId: string, kind: string): Promise<DeadlineRow | undefined> {
    return (await this.deadlines(conferenceId)).find((d) => d.kind === kind);
  }

  /** Events scheduling wrote to its outbox for a conference, in order. */
  async events(conferenceId: string, type?: string): Promise<{ type: string; envelope: { data: Record<string, any> } }[]> {
    return queryService(
      'scheduling',
      `SELECT type, envelope FROM outbox WHERE message_key = $1 ${type ? 'AND type = $2' : ''} ORDER BY seq`,
      type ? [conferenceId, type] : [conferenceId],
    );
  }

  async jobExists(jobId: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}:${this.queueName}:${jobId}`)) === 1;
  }

  /** How many of these deadlines have their (version 1) due wake-up in Redis. */
  async dueWakeUpsInRedis(ids: string[]): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.exists(this.wakeUpKey(id));
    const results = (await pipeline.exec()) ?? [];
    return results.filter(([, exists]) => exists === 1).length;
  }

  /** The BullMQ job key of a deadline's due wake-up. */
  wakeUpKey(deadlineId: string): string {
    return `${this.prefix}:${this.queueName}:dl-${deadlineId}-v1-due`;
  }

  /**
   * Deletes this test's queue keys only (other tests and the dev stack share the Redis: never FLUSHALL), all in one
   * MULTI, as a FLUSHALL takes them: the queue marker and every job at once, so a rebuild the loss sets off cannot
   * interleave with a deletion half done. Returns the keys it deleted; a running service may already be putting some
   * back when it returns, which is what the tests of loss detection are about, so "was it deleted" is answered here.
   */
  async flushQueue(): Promise<Set<string>> {
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      for (const key of found) keys.add(key);
      cursor = next;
    } while (cursor !== '0');
    const deleted = new Set<string>();
    if (keys.size === 0) return deleted;
    const listed = [...keys];
    const transaction = this.redis.multi();
    for (const key of listed) transaction.del(key);
    const results = (await transaction.exec()) ?? [];
    results.forEach(([, removed], index) => removed === 1 && deleted.add(listed[index]));
    return deleted;
  }

  /** Stops the instances and removes what this test left: its queue keys and its authority's rows. */
  async stop(): Promise<void> {
    await this.publisher.stop();
    for (const instance of this.instances) await instance.close();
    await this.flushQueue();
    this.redis.disconnect();
    const conferences =
      'SELECT conference_id FROM conference_timings WHERE local_authority = $1 UNION SELECT conference_id FROM deadlines WHERE local_authority = $1';
    await queryService('scheduling', `DELETE FROM deadline_satisfactions WHERE conference_id IN (${conferences})`, [this.la]);
    for (const table of ['deadlines', 'conference_timings', 'deadline_policy_overrides']) {
      await queryService('scheduling', `DELETE FROM ${table} WHERE local_authority = $1`, [this.la]);
    }
  }

  private get queueName(): string {
    return this.settings.QUEUE_NAME ?? new SchedulingConfig().QUEUE_NAME;
  }

  /** A new group would read the topics from the beginning (the runtime subscribes fromBeginning): start it at the end. */
  private async startGroupAtEnd(groupId = this.groupId): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of [Topics.conference, Topics.documents]) {
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
      }
    } finally {
      await admin.disconnect();
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
