import { createEnvelope, sealSecret, LOCAL_DELIVERY_PUBLIC_KEY, Topics, type ParticipantSnapshot } from '@cpc/contracts';
import type { RunningService } from '@cpc/runtime';
import { startService } from '@cpc/runtime';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import jwt from 'jsonwebtoken';
import { LOCAL_JWT_SECRET } from '@cpc/config';
import { startStandins, type RunningStandins } from '../../../../test/support';
import {
  bearer,
  ContractEventPublisher,
  queryService,
  startGroupsAtEnd,
  TEST_LA,
  testConfig,
  TopicProbe,
  waitFor,
} from '../../../../test/support';
import { NotificationsConfig } from '../notifications.config';
import { notificationsService } from '../notifications.definition';

interface SmtpMessage {
  id: string;
  recipients: string[];
  subject: string;
  attachments: { filename: string }[];
}
interface NotifyRecord {
  id: string;
  type: string;
  body: string;
  normalised_to: string;
  request: { phone_number?: string };
}

jest.setTimeout(120_000);

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Issue 6 against the real Kafka, PostgreSQL and Redis and the local SMTP (STARTTLS) and Notify
 * stand-ins, spawned for this suite so it can read them back and take SMTP down.
 */
describe('notifications: events in, messages out, never lost or doubled', () => {
  let standins: RunningStandins;
  let service: RunningService;
  const publisher = new ContractEventPublisher('notifications-test');
  let probe: TopicProbe;
  let documents: Server;
  const documentReads: { auth: string | undefined }[] = [];
  const logLines: string[] = [];
  const writeStdout = process.stdout.write.bind(process.stdout);

  const smtpMessages = async (to: string): Promise<SmtpMessage[]> =>
    ((await (await fetch(`${standins.smtp.httpUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as { messages: SmtpMessage[] })
      .messages;
  const smtpText = async (id: string): Promise<string> =>
    ((await (await fetch(`${standins.smtp.httpUrl}/messages/${id}`)).json()) as { text: string }).text;
  const texts = async (to: string): Promise<NotifyRecord[]> =>
    (
      (await (await fetch(`${standins.notify.baseUrl}/_standin/messages?to=${encodeURIComponent(to)}`)).json()) as {
        messages?: NotifyRecord[];
        notifications?: NotifyRecord[];
      }
    ).messages ?? [];

  async function publish(topic: string, type: string, conferenceId: string, data: object, id?: string): Promise<string> {
    const envelope = { ...createEnvelope('/cpc/test', 1, { type, conferenceId, localAuthority: TEST_LA, data }), ...(id ? { id } : {}) };
    await publisher.publish(topic, envelope);
    return envelope.id;
  }

  // Issue 9 (R-CONTACT): nothing goes to a family member before the chair confirms their contact, so the
  // family here is confirmed; what is held until then is tested in receipts-routing-holds.int-spec.ts.
  const person = (role: ParticipantSnapshot['role'], first: string, extra: Partial<ParticipantSnapshot> = {}): ParticipantSnapshot => ({
    participantId: randomUUID(),
    role,
    firstName: first,
    lastName: 'Test',
    ...(['PARENT', 'CHILD', 'FAMILY_MEMBER'].includes(role) ? { contactConfirmed: true } : {}),
    ...extra,
  });

  async function scheduleConference(participants: ParticipantSnapshot[]): Promise<string> {
    const conferenceId = randomUUID();
    await publish(Topics.conference, 'ConferenceScheduled', conferenceId, {
      conferenceId,
      kind: 'ICPC',
      localAuthority: TEST_LA,
      scheduledStart: new Date(Date.now() + 72 * 3600_000).toISOString(),
      durationMinutes: 90,
      participationOption: 'FULL',
      children: [],
      warnings: [],
      participants,
    });
    return conferenceId;
  }

  beforeAll(async () => {
    standins = await startStandins();
    documents = createServer((req, res) => {
      documentReads.push({ auth: req.headers.authorization });
      res
        .writeHead(200, { 'content-type': WORD, 'content-disposition': 'attachment; filename="plan-parent-copy.docx"' })
        .end(Buffer.from('PK fake docx bytes'));
    });
    await new Promise<void>((resolve) => documents.listen(0, '127.0.0.1', resolve));
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logLines.push(String(chunk));
      return (writeStdout as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    // A new group reads the topics from the beginning (the runtime subscribes fromBeginning): this one starts at the end.
    const groupId = `cpc-notifications-test-${randomUUID().slice(0, 8)}`;
    await startGroupsAtEnd([groupId]);
    service = await startService(
      notificationsService(
        testConfig(NotificationsConfig, {
          LOG_LEVEL: 'info',
          SMTP_HOST: standins.smtp.host,
          SMTP_PORT: String(standins.smtp.port),
          SMTP_USER: standins.smtp.user,
          SMTP_PASSWORD: standins.smtp.password,
          SMTP_CA_FILE: standins.smtp.caFile,
          NOTIFY_BASE_URL: standins.notify.baseUrl,
          NOTIFY_API_KEY: standins.notify.apiKey,
          DOCUMENTS_BASE_URL: `http://127.0.0.1:${(documents.address() as AddressInfo).port}`,
          KAFKA_GROUP_ID: groupId,
          QUEUE_PREFIX: `cpc-notifications-test-${randomUUID().slice(0, 8)}`,
          SEND_BACKOFF_MS: '300',
          SEND_MAX_ATTEMPTS: '6',
        }),
      ),
    );
    await publisher.start();
    probe = await new TopicProbe([Topics.notifications, Topics.conference, Topics.documents, Topics.scheduling]).start();
  });

  afterAll(async () => {
    process.stdout.write = writeStdout;
    await probe?.stop();
    await publisher.stop();
    await service?.close();
    await new Promise<void>((resolve) => (documents ? documents.close(() => resolve()) : resolve()));
    await standins?.stop();
  });

  it('invites each participant on ConferenceScheduled by the channel agreed with them (R-PREP-11), professionals by email', async () => {
    const parent = person('PARENT', 'Dana', { email: 'dana.parent@family.example', mobile: '+447700900101', preferredChannel: 'EMAIL' });
    const father = person('PARENT', 'Eli', { mobile: '+447700900102', preferredChannel: 'SMS' });
    const police = person('PROFESSIONAL', 'Pat', { email: 'pat.police@police.example', agency: 'Police' });
    await scheduleConference([parent, father, police]);

    // The first test also waits for the service's new consumer group to catch up with the topic.
    const [email] = await waitFor(async () => (await smtpMessages(parent.email!)).length > 0 && smtpMessages(parent.email!), 90_000);
    expect(email.subject).toContain('Child protection meeting about your family');
    expect(await smtpText(email.id)).toContain('Dear Dana Test');
    const [sms] = await waitFor(async () => (await texts('+447700900102')).length > 0 && texts('+447700900102'));
    expect(sms.body).toContain('child protection meeting');
    const [professional] = await waitFor(async () => (await smtpMessages(police.email!)).length > 0 && smtpMessages(police.email!));
    expect(await smtpText(professional.id)).toContain('report');
  });

  it('sends one message when the same event is delivered twice', async () => {
    const parent = person('PARENT', 'Once', { email: 'once.parent@family.example' });
    const conferenceId = await scheduleConference([]);
    await waitFor(
      async () =>
        (await queryService('notifications', 'SELECT 1 FROM known_conferences WHERE conference_id = $1', [conferenceId])).length > 0,
    );
    const id = randomUUID();
    await publish(Topics.conference, 'ParticipantAdded', conferenceId, { conferenceId, participant: parent }, id);
    await publish(Topics.conference, 'ParticipantAdded', conferenceId, { conferenceId, participant: parent }, id);
    await waitFor(async () => (await smtpMessages(parent.email!)).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await smtpMessages(parent.email!)).toHaveLength(1);
  });

  it('alerts the chair and the team manager when a deadline is breached', async () => {
    const chair = person('CHAIR', 'Chris', { email: 'chris.chair@council.example' });
    const manager = person('TEAM_MANAGER', 'Morgan', { email: 'morgan.tm@council.example' });
    const conferenceId = await scheduleConference([chair, manager]);
    await waitFor(async () => (await smtpMessages(chair.email!)).length > 0); // staff are invited as professionals first
    await publish(Topics.scheduling, 'DeadlineBreached', conferenceId, {
      conferenceId,
      deadlineId: randomUUID(),
      kind: 'R-PREP-3',
      description: 'Police report submitted',
      dueAt: new Date().toISOString(),
      version: 1,
      status: 'BREACHED',
      breachedAt: new Date().toISOString(),
      alert: ['CHAIR', 'TEAM_MANAGER'],
    });
    for (const who of [chair, manager]) {
      const alerts = await waitFor(async () => {
        const all = await smtpMessages(who.email!);
        const found = all.filter((m) => /deadline|missed|overdue/i.test(m.subject));
        return found.length > 0 && found;
      });
      expect(alerts).toHaveLength(1);
    }
  });

  it('reminds the roles the policy names before a deadline falls due', async () => {
    const officer = person('PROFESSIONAL', 'Rita', { email: 'rita.police@police.example', agency: 'Police' });
    const conferenceId = await scheduleConference([officer]);
    await waitFor(async () => (await smtpMessages(officer.email!)).length > 0); // the invitation
    await publish(Topics.scheduling, 'DeadlineReminderDue', conferenceId, {
      conferenceId,
      deadlineId: randomUUID(),
      kind: 'R-PREP-3',
      description: 'Police report submitted',
      dueAt: new Date(Date.now() + 3600_000).toISOString(),
      version: 1,
      status: 'PENDING',
      remind: ['PROFESSIONAL'],
    });
    const reminder = await waitFor(async () => (await smtpMessages(officer.email!)).find((m) => /reminder|due/i.test(m.subject)));
    expect(await smtpText(reminder.id)).toContain('Police report submitted');
  });

  it('turns an authenticated Notify delivery receipt into NotificationDelivered, once', async () => {
    const parent = person('PARENT', 'Receipt', { mobile: '+447700900104', preferredChannel: 'SMS' });
    const conferenceId = await scheduleConference([parent]);
    const [row] = await waitFor(async () => {
      const rows = await queryService<{ id: string; provider_reference: string | null; status: string }>(
        'notifications',
        "SELECT id, provider_reference, status FROM notifications WHERE conference_id = $1 AND status = 'SENT'",
        [conferenceId],
      );
      return rows.length > 0 && rows;
    });
    const receipt = { id: row.provider_reference, reference: row.id, status: 'delivered', notification_type: 'sms' };
    const send = () =>
      request(service.app.getHttpServer())
        .post('/api/v1/notifications/callbacks/notify')
        .set('Authorization', 'Bearer local-notify-callback-token-change-me')
        .send(receipt);
    expect((await send()).status).toBe(204);
    expect((await send()).status).toBe(204); // a repeated receipt has no second effect
    await waitFor(() => probe.ofType('NotificationDelivered', conferenceId).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(probe.ofType('NotificationDelivered', conferenceId)).toHaveLength(1);
    const [stored] = await queryService<{ status: string }>('notifications', 'SELECT status FROM notifications WHERE id = $1', [row.id]);
    expect(stored.status).toBe('DELIVERED');
  });

  it('R-DEL-PWD: a parent gets the document by email and its password by SMS, two messages, the password only in the text', async () => {
    const parent = person('PARENT', 'Paula', { email: 'paula.parent@family.example', mobile: '+447700900103' });
    const conferenceId = await scheduleConference([parent]);
    await waitFor(async () => (await smtpMessages(parent.email!)).length > 0); // the invitation
    const password = `Pw-${randomUUID().slice(0, 12)}!`;
    const documentId = randomUUID();
    const emailDelivery = randomUUID();
    const smsDelivery = randomUUID();
    const common = { conferenceId, documentId, participantId: parent.participantId, recipientRole: 'PARENT', recipientName: 'Paula Test' };
    await publish(Topics.documents, 'DeliveryRequested', conferenceId, {
      ...common,
      deliveryId: emailDelivery,
      template: 'PARENT_DOCUMENT_EMAIL',
      email: parent.email,
      channel: 'EMAIL',
    });
    await publish(Topics.documents, 'DeliveryRequested', conferenceId, {
      ...common,
      deliveryId: smsDelivery,
      template: 'PARENT_DOCUMENT_PASSWORD_SMS',
      mobile: parent.mobile,
      channel: 'SMS',
      passwordCiphertext: sealSecret(password, LOCAL_DELIVERY_PUBLIC_KEY),
    });

    const sent = await waitFor(() => {
      const events = probe
        .ofType('NotificationSent', conferenceId)
        .filter((m) => [emailDelivery, smsDelivery].includes(m.json.data.deliveryId));
      return events.length === 2 && events;
    });
    expect(sent.map((m) => m.json.data.channel).sort()).toEqual(['EMAIL', 'SMS']);

    const documentEmail = (await smtpMessages(parent.email!)).find((m) => m.attachments.length > 0)!;
    expect(documentEmail.attachments[0].filename).toBe('plan-parent-copy.docx');
    expect(await smtpText(documentEmail.id)).not.toContain(password);
    const [passwordText] = (await texts(parent.mobile!)).filter((t) => t.body.includes(password));
    expect(passwordText).toBeDefined();
    // The document was fetched as SYSTEM with documents:read, for this local authority.
    const claims = jwt.verify(documentReads.at(-1)!.auth!.replace('Bearer ', ''), LOCAL_JWT_SECRET) as {
      roles: string[];
      scope: string;
      la: string;
    };
    expect(claims).toMatchObject({ roles: ['SYSTEM'], scope: 'documents:read', la: TEST_LA });

    // Nowhere else: not in any event on any topic, any log line, any API answer, any stored row.
    expect(probe.messages.filter((m) => m.value?.includes(password))).toEqual([]);
    expect(logLines.filter((line) => line.includes(password))).toEqual([]);
    const listed = await request(service.app.getHttpServer())
      .get(`/api/v1/notifications?conferenceId=${conferenceId}`)
      .set(bearer(['CHAIR']));
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(password);
    expect(JSON.stringify(listed.body)).not.toContain(parent.email);
    expect(listed.body.items.map((i: { template: string }) => i.template)).toEqual(
      expect.arrayContaining(['PARENT_DOCUMENT_EMAIL', 'PARENT_DOCUMENT_PASSWORD_SMS', 'INVITATION_FAMILY_EMAIL']),
    );
    const rows = await queryService('notifications', 'SELECT * FROM notifications WHERE conference_id = $1', [conferenceId]);
    expect(JSON.stringify(rows)).not.toContain(password);
  });

  it('an invalid address is a NotificationFailed with an operations alert, and the queue keeps moving', async () => {
    const bad = person('PROFESSIONAL', 'Nobody', { email: `nobody@${standins.smtp.rejectDomain}` });
    const good = person('PROFESSIONAL', 'Somebody', { email: 'somebody@agency.example' });
    const conferenceId = await scheduleConference([bad, good]);
    const failed = await waitFor(() => probe.ofType('NotificationFailed', conferenceId)[0]);
    expect(failed.json.data).toMatchObject({ failure: 'PERMANENT', template: 'INVITATION_PROFESSIONAL_EMAIL' });
    expect(failed.value).not.toContain('nobody@');
    await waitFor(async () => (await smtpMessages(good.email!)).length > 0);
    const alerts = await waitFor(async () => {
      const all = await smtpMessages('cpc-operations@council.example');
      const mine = [];
      for (const m of all) if ((await smtpText(m.id)).includes(conferenceId)) mine.push(m);
      return mine.length > 0 && mine;
    });
    expect(alerts).toHaveLength(1);
  });

  it('holds a message while SMTP is down and sends it once when it is back', async () => {
    await fetch(`${standins.smtp.httpUrl}/control/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 2 }),
    });
    const late = person('PROFESSIONAL', 'Late', { email: 'late@agency.example' });
    const conferenceId = await scheduleConference([late]);
    await waitFor(async () => (await smtpMessages(late.email!)).length > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await smtpMessages(late.email!)).toHaveLength(1);
    const [row] = await queryService<{ status: string; attempts: number }>(
      'notifications',
      'SELECT status, attempts FROM notifications WHERE conference_id = $1',
      [conferenceId],
    );
    expect(row.status).toBe('SENT');
    expect(row.attempts).toBeGreaterThan(1);
  });

  it('GET /notifications: 401 without a token, other local authorities see nothing, bad filters are 400', async () => {
    const server = service.app.getHttpServer();
    expect((await request(server).get('/api/v1/notifications')).status).toBe(401);
    const elsewhere = await request(server)
      .get('/api/v1/notifications')
      .set(bearer(['CHAIR'], { la: 'ELSEWHERE' }));
    expect(elsewhere.body.items).toEqual([]);
    const bad = await request(server)
      .get('/api/v1/notifications?status=LOST')
      .set(bearer(['CHAIR']));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a provider callback without the configured token', async () => {
    const response = await request(service.app.getHttpServer())
      .post('/api/v1/notifications/callbacks/notify')
      .set('Authorization', 'Bearer wrong')
      .send({ id: randomUUID(), status: 'delivered' });
    expect(response.status).toBe(401);
  });
});
