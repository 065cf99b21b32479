import { createConferenceClient } from '@cpc/client';
import { createEnvelope, deadLetterTopic, Topics } from '@cpc/contracts';
import { randomUUID } from 'node:crypto';
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  clientsOf,
  conferenceRequest,
  conferenceViewOf,
  ContractEventPublisher,
  developmentToken,
  queryService,
  startStack,
  TopicProbe,
  waitFor,
  type Stack,
} from '../support';

// Issue 2, "What it must show": the walking skeleton across all four services, and the event
// backbone's guarantees, against the real Kafka, PostgreSQL and Redis. The services are called through
// the typed client (@cpc/client) generated from their OpenAPI documents, as an integrator calls them.
const ROOT = join(__dirname, '..', '..');

describe('event backbone across the four services', () => {
  let stack: Stack;
  let probe: TopicProbe;
  const publisher = new ContractEventPublisher('e2e-producer');

  beforeAll(async () => {
    stack = await startStack();
    probe = await new TopicProbe([Topics.conference, deadLetterTopic(Topics.conference), Topics.scheduling]).start();
    await publisher.start();
  });

  afterAll(async () => {
    await publisher.stop();
    await probe?.stop();
    await stack?.close();
  });

  const schedule = async () => {
    const { data, error, response } = await clientsOf(stack, ['CHAIR']).conference.POST('/api/v1/conferences', {
      body: conferenceRequest(72),
    });
    expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
    return conferenceViewOf(data);
  };

  it('carries ConferenceScheduled from the outbox to scheduling, documents and notifications (walking skeleton)', async () => {
    const conference = await schedule();

    const [published] = await waitFor(
      () => probe.ofType('ConferenceScheduled', conference.id).length > 0 && probe.ofType('ConferenceScheduled', conference.id),
    );
    expect(published.key).toBe(conference.id);
    expect(published.headers.ce_type).toBe('ConferenceScheduled');
    expect(published.json).toMatchObject({
      specversion: '1.0',
      subject: conference.id,
      data: { conferenceId: conference.id, kind: 'ICPC' },
    });

    // scheduling: the R-PREP-3 deadline (police report 24 hours before start), as a row and through the API.
    const deadlines = await waitFor(async () => {
      const { data } = await clientsOf(stack, ['CHAIR']).scheduling.GET('/api/v1/deadlines', {
        params: { query: { conferenceId: conference.id } },
      });
      const items = data?.items ?? [];
      return items.some((d) => d.kind === 'R-PREP-3') && items;
    });
    const policeReport = deadlines.find((d) => d.kind === 'R-PREP-3');
    expect(new Date(policeReport!.dueAt).getTime()).toBe(new Date(conference.scheduledStart).getTime() - 24 * 3600_000);
    expect(policeReport!.status).toBe('PENDING');

    // documents and notifications each recorded it in their own database.
    await waitFor(
      async () => (await queryService('documents', 'SELECT 1 FROM case_identities WHERE conference_id = $1', [conference.id])).length === 1,
    );
    await waitFor(
      async () =>
        (await queryService('notifications', 'SELECT 1 FROM known_conferences WHERE conference_id = $1', [conference.id])).length === 1,
    );
    const [{ sent_at }] = await queryService<{ sent_at: Date | null }>('conference', 'SELECT sent_at FROM outbox WHERE message_key = $1', [
      conference.id,
    ]);
    expect(sent_at).not.toBeNull();
  });

  it('applies the same event delivered twice only once (inbox)', async () => {
    const conferenceId = randomUUID();
    const envelope = createEnvelope('/cpc/conference', 1, {
      type: 'ConferenceScheduled',
      conferenceId,
      localAuthority: 'LBHF',
      data: {
        conferenceId,
        kind: 'RCPC',
        localAuthority: 'LBHF',
        scheduledStart: new Date(Date.now() + 5 * 86400_000).toISOString(),
        durationMinutes: 60,
        participationOption: 'FULL',
        children: [{ childId: randomUUID(), firstName: 'Ben', lastName: 'Hill', dateOfBirth: '2016-01-09' }],
        warnings: [],
      },
    });
    // As the outbox relay sends it (CloudEvents structured mode), twice: the second is a redelivery.
    await publisher.publish(Topics.conference, envelope);
    await publisher.publish(Topics.conference, envelope);

    await waitFor(
      async () => (await queryService('documents', 'SELECT 1 FROM case_identities WHERE conference_id = $1', [conferenceId])).length === 1,
    );
    await waitFor(async () => {
      const { data: metrics } = await clientsOf(stack).documents.GET('/metrics', { parseAs: 'text' });
      return /events_consumed_total\{[^}]*type="ConferenceScheduled"[^}]*outcome="duplicate"[^}]*\} [1-9]/.test(metrics ?? '');
    });
    for (const service of ['documents', 'notifications', 'scheduling']) {
      const rows = await queryService(service, 'SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id]);
      expect(rows).toHaveLength(1);
    }
    const deadlines = await queryService('scheduling', "SELECT 1 FROM deadlines WHERE conference_id = $1 AND kind = 'R-PREP-3'", [
      conferenceId,
    ]);
    expect(deadlines).toHaveLength(1);
  });

  it('dead-letters a malformed message and still processes the next good one', async () => {
    const badKey = randomUUID();
    await publisher.publishOutsideContract(
      Topics.conference,
      [{ key: badKey, value: '{"specversion": "1.0", broken' }],
      'a value that is not JSON, with no headers, as a broken producer would send: it must be dead-lettered',
    );
    const good = await schedule();

    const [dead] = await waitFor(
      () =>
        probe.messages.filter((m) => m.topic === deadLetterTopic(Topics.conference) && m.key === badKey).length > 0 &&
        probe.messages.filter((m) => m.topic === deadLetterTopic(Topics.conference) && m.key === badKey),
    );
    expect(dead.value).toBe('{"specversion": "1.0", broken');
    expect(dead.headers['x-dead-letter-reason']).toMatch(/invalid event/);
    expect(dead.headers['x-dead-letter-source-topic']).toBe(Topics.conference);
    await waitFor(
      async () => (await queryService('documents', 'SELECT 1 FROM case_identities WHERE conference_id = $1', [good.id])).length === 1,
    );
  });
});

describe('nothing is lost when Kafka or a service goes away', () => {
  jest.setTimeout(180_000);

  it('publishes a conference created while Kafka was down, exactly once to each consumer, after Kafka returns', async () => {
    const stack = await startStack();
    try {
      infra('test-down');
      const {
        data: scheduled,
        error,
        response,
      } = await clientsOf(stack, ['CHAIR']).conference.POST('/api/v1/conferences', {
        body: conferenceRequest(96),
      });
      expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
      const [row] = await queryService<{ event_id: string; sent_at: Date | null }>(
        'conference',
        'SELECT event_id, sent_at FROM outbox WHERE message_key = $1',
        [scheduled!.id],
      );
      expect(row.sent_at).toBeNull();
      infra('test-up');
      for (const [service, table] of [
        ['documents', 'case_identities'],
        ['notifications', 'known_conferences'],
      ]) {
        await waitFor(
          async () => (await queryService(service, `SELECT 1 FROM ${table} WHERE conference_id = $1`, [scheduled!.id])).length === 1,
          120_000,
          500,
        );
        expect(await queryService(service, 'SELECT 1 FROM inbox WHERE event_id = $1', [row.event_id])).toHaveLength(1);
      }
      await waitFor(
        async () => (await queryService('scheduling', 'SELECT 1 FROM inbox WHERE event_id = $1', [row.event_id])).length === 1,
        60_000,
        500,
      );
    } finally {
      infra('test-up');
      await stack.close();
    }
  });

  it('publishes an event committed just before the service was killed with SIGKILL, after restart', async () => {
    const probe = await new TopicProbe([Topics.conference]).start();
    // First life: the broker address is unreachable, so the commit happens and the publish cannot.
    let child = startConferenceProcess({ KAFKA_BROKERS: '127.0.0.1:9', PORT: '3901' });
    const conference = createConferenceClient({ baseUrl: 'http://127.0.0.1:3901', token: developmentToken(['CHAIR']) });
    try {
      await waitFor(() => conference.GET('/health/live').then(({ response }) => response.ok), 60_000, 250);
      const { data, error, response } = await conference.POST('/api/v1/conferences', { body: conferenceRequest(100) });
      expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
      const { id } = data!;
      child.kill('SIGKILL');
      const [row] = await queryService<{ sent_at: Date | null }>('conference', 'SELECT sent_at FROM outbox WHERE message_key = $1', [id]);
      expect(row.sent_at).toBeNull();

      // Second life: the relay finds the unsent row and publishes it.
      child = startConferenceProcess({ PORT: '3901' });
      const published = await waitFor(
        () => probe.ofType('ConferenceScheduled', id).length > 0 && probe.ofType('ConferenceScheduled', id),
        60_000,
        250,
      );
      expect(published).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await probe.stop();
    }
  });
});

function infra(command: 'test-up' | 'test-down'): void {
  // The tests' own broker only (test-down stops nothing else: the stand-ins a development stack uses stay up).
  // stderr is kept: when the script fails, its reason is in the error's message.
  execFileSync('bash', [join(ROOT, 'deploy/local/infra.sh'), command], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function startConferenceProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'services/conference/dist/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cpc_conference_test',
      OUTBOX_POLL_INTERVAL_MS: '200',
      ...env,
    },
    stdio: 'ignore',
  });
}

describe('a service that cannot start says why in one JSON line (issue 13 item 6)', () => {
  it.each(['conference', 'scheduling', 'documents', 'notifications', 'console'])(
    '%s: a bad setting is one fatal line naming it, exit 1',
    (service) => {
      const run = spawnSync(process.execPath, [join(ROOT, `services/${service}/dist/main.js`)], {
        env: { ...process.env, PORT: '99999', KAFKA_SASL_MECHANISM: 'bogus' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]);
      expect(line).toMatchObject({ level: 'fatal', service });
      expect(line.settings).toEqual(
        expect.arrayContaining([expect.stringMatching(/^PORT="99999"/), expect.stringMatching(/^KAFKA_SASL_MECHANISM="bogus"/)]),
      );
    },
  );
});
