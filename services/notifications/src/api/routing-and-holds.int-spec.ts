import { createEnvelope, LOCAL_DELIVERY_PUBLIC_KEY, sealSecret, Topics } from '@cpc/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, ContractEventPublisher, TEST_LA, waitFor } from '../../../../test/support';
import { NotificationsHarness, person } from '../../test/notifications-harness';

jest.setTimeout(150_000);

const OPERATIONS = 'cpc-operations@council.example';
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Issue 9 items 4 and 2 (notifications side): R-ROUTE and R-CONTACT against the real Kafka, PostgreSQL and stand-ins. */
describe('R-ROUTE and R-CONTACT in the notifications service', () => {
  const harness = new NotificationsHarness();
  const api = () => request(harness.service.app.getHttpServer());
  const directoryLa = `LA-${randomUUID().slice(0, 8)}`; // a local authority of this run's own
  const emptyLa = `LA-${randomUUID().slice(0, 8)}`; // one with no directory at all
  const put = (role: string, body: object, auth = bearer(['SAFEGUARDING_SERVICE_MANAGER'], { la: directoryLa })) =>
    api().put(`/api/v1/routing-directory/${role}`).set(auth).send(body);

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('routing directory: set per role by a manager or a SYSTEM client with routing:write, read by its own local authority only', async () => {
    const tm = await put('TEAM_MANAGER', { email: `tm.${directoryLa}@council.example`, name: 'Duty team manager' });
    expect(tm.status).toBe(200);
    expect(tm.body).toMatchObject({ role: 'TEAM_MANAGER', team: null, email: `tm.${directoryLa}@council.example` });
    const system = await put(
      'CHAIR',
      { email: `chairs.${directoryLa}@council.example`, name: 'Duty chair', team: 'North' },
      bearer(['SYSTEM'], { la: directoryLa, scope: 'routing:write' }),
    );
    expect(system.status).toBe(200);
    const listed = await api()
      .get('/api/v1/routing-directory')
      .set(bearer(['TEAM_MANAGER'], { la: directoryLa }));
    expect(listed.body.items.map((e: { role: string; team: string | null }) => [e.role, e.team])).toEqual([
      ['CHAIR', 'North'],
      ['TEAM_MANAGER', null],
    ]);
    const elsewhere = await api()
      .get('/api/v1/routing-directory')
      .set(bearer(['TEAM_MANAGER'], { la: emptyLa }));
    expect(elsewhere.body.items).toEqual([]);
  });

  it('routing directory: bad input is a 400 naming the field; other roles are refused', async () => {
    const badRole = await put('PARENT', { email: 'x@council.example', name: 'X' });
    expect(badRole.status).toBe(400);
    expect(badRole.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(badRole.body)).toContain('role');
    const badEmail = await put('TEAM_MANAGER', { email: 'not-an-email', name: 'X' });
    expect(badEmail.status).toBe(400);
    expect(JSON.stringify(badEmail.body)).toContain('email');
    expect((await put('TEAM_MANAGER', { email: 'x@council.example', name: 'X', extra: 1 })).status).toBe(400);
    expect(
      (await put('TEAM_MANAGER', { email: 'x@council.example', name: 'X' }, bearer(['PROFESSIONAL'], { la: directoryLa }))).status,
    ).toBe(403);
    expect((await put('TEAM_MANAGER', { email: 'x@council.example', name: 'X' }, bearer(['SYSTEM'], { la: directoryLa }))).status).toBe(
      403,
    );
  });

  it('R-ESC: a conference with no TEAM_MANAGER participant escalates to the directory entry', async () => {
    const chair = person('CHAIR', 'Cleo', { email: `cleo.${randomUUID().slice(0, 6)}@council.example` });
    const conferenceId = await harness.schedule([chair], { la: directoryLa });
    await harness.publish(
      Topics.conference,
      'RiskEscalated',
      conferenceId,
      { conferenceId, reason: 'increased risk', at: new Date().toISOString() },
      {
        la: directoryLa,
      },
    );
    const [escalation] = await harness.mailTo(`tm.${directoryLa}@council.example`, conferenceId);
    expect(escalation.subject).toContain('Increased risk');
    expect(escalation.text).toContain('Dear Duty team manager');
  });

  it('R-ROUTE: an alert nobody can be routed to is an operations alert naming the conference and the role', async () => {
    const chair = person('CHAIR', 'Cato', { email: `cato.${randomUUID().slice(0, 6)}@council.example` });
    const conferenceId = await harness.schedule([chair], { la: emptyLa });
    await harness.publish(
      Topics.scheduling,
      'DeadlineBreached',
      conferenceId,
      {
        conferenceId,
        deadlineId: randomUUID(),
        kind: 'R-PREP-3',
        description: 'Police report submitted',
        dueAt: new Date().toISOString(),
        version: 1,
        status: 'BREACHED',
        breachedAt: new Date().toISOString(),
        alert: ['CHAIR', 'TEAM_MANAGER'],
      },
      { la: emptyLa },
    );
    await harness.publish(
      Topics.conference,
      'RiskEscalated',
      conferenceId,
      { conferenceId, reason: 'increased risk', at: new Date().toISOString() },
      {
        la: emptyLa,
      },
    );
    const unrouted = await waitFor(async () => {
      const alerts = await harness.mailTo(OPERATIONS, conferenceId, 30_000);
      return alerts.length >= 2 && alerts;
    });
    expect(unrouted.map((a) => a.subject).sort()).toEqual([
      expect.stringMatching(/^Not routed: DEADLINE_BREACH_ALERT_EMAIL for TEAM_MANAGER/),
      expect.stringMatching(/^Not routed: RISK_ESCALATION_EMAIL for TEAM_MANAGER/),
    ]);
    expect(unrouted[0].text).toContain(emptyLa);
    const [breach] = await harness.mailTo(chair.email!, 'Missed');
    expect(breach.subject).toContain('Police report submitted'); // the chair, who is there, still gets it
  });

  it('R-CONTACT: an unconfirmed parent is not invited (HELD); confirmed, the invitation goes once', async () => {
    const parent = person('PARENT', 'Uma', { email: `uma.${randomUUID().slice(0, 6)}@family.example` });
    const conferenceId = await harness.schedule([parent]);
    const held = await waitFor(async () => {
      const response = await api()
        .get(`/api/v1/notifications?participantId=${parent.participantId}&recipientRole=PARENT`)
        .set(bearer(['CHAIR']));
      return response.body.items?.length > 0 && response.body.items;
    });
    expect(held).toEqual([
      expect.objectContaining({ status: 'HELD', holdReason: 'HELD_CONTACT_UNCONFIRMED', template: 'INVITATION_FAMILY_EMAIL' }),
    ]);
    await settle(1500);
    expect(await harness.smtpMessages(parent.email!)).toHaveLength(0);

    const confirmed = { conferenceId, participant: { ...parent, contactConfirmed: true } };
    await harness.publish(Topics.conference, 'ParticipantUpdated', conferenceId, confirmed);
    await harness.publish(Topics.conference, 'ParticipantUpdated', conferenceId, confirmed); // another update: no second invitation
    await waitFor(async () => (await harness.smtpMessages(parent.email!)).length > 0);
    await settle(1500);
    const invitations = await harness.smtpMessages(parent.email!);
    expect(invitations).toHaveLength(1);
    expect(invitations[0].subject).toContain('Child protection meeting about your family');
  });

  it('R-CONTACT: a new email withdraws the confirmation; what had not gone is held, and goes to the new email once confirmed', async () => {
    const tag = randomUUID().slice(0, 6);
    const before = `wren.${tag}@family.example`;
    const after = `wren.new.${tag}@family.example`;
    const parent = person('PARENT', 'Wren', { email: before, contactConfirmed: true });
    const outage = (method: 'POST' | 'DELETE') =>
      fetch(`${harness.standins.smtp.httpUrl}/control/outage`, {
        method,
        body: method === 'POST' ? JSON.stringify({ seconds: 120 }) : undefined,
      });
    await outage('POST'); // the invitation cannot go yet: it stays PENDING, retried
    try {
      const conferenceId = await harness.schedule([parent]);
      await waitFor(async () => {
        const rows = await harness.rows<{ attempts: number }>('SELECT attempts FROM notifications WHERE participant_id = $1', [
          parent.participantId,
        ]);
        return rows[0]?.attempts >= 1;
      });
      await harness.publish(Topics.conference, 'ParticipantUpdated', conferenceId, {
        conferenceId,
        participant: { ...parent, email: after, contactConfirmed: false },
      });
      await waitFor(async () => {
        const rows = await harness.rows<{ status: string }>('SELECT status FROM notifications WHERE participant_id = $1', [
          parent.participantId,
        ]);
        return rows[0]?.status === 'HELD';
      });
      await outage('DELETE');
      await settle(3000); // the send job queued for the old email runs again now, and must send nothing
      expect(await harness.smtpMessages(before)).toHaveLength(0);
      expect(await harness.smtpMessages(after)).toHaveLength(0);

      await harness.publish(Topics.conference, 'ParticipantUpdated', conferenceId, {
        conferenceId,
        participant: { ...parent, email: after, contactConfirmed: true },
      });
      await waitFor(async () => (await harness.smtpMessages(after)).length > 0);
      await settle(1500);
      expect(await harness.smtpMessages(after)).toHaveLength(1);
      expect(await harness.smtpMessages(before)).toHaveLength(0);
    } finally {
      await outage('DELETE');
    }
  });

  it('R-CONTACT: a held password text goes to the mobile the chair confirmed, not the one it was asked for', async () => {
    const asked = '+447700900411';
    const confirmed = '+447700900412';
    const parent = person('PARENT', 'Rhys', { mobile: asked, email: `rhys.${randomUUID().slice(0, 6)}@family.example` });
    const conferenceId = await harness.schedule([parent]);
    const password = `Pw-${randomUUID().slice(0, 12)}!`;
    await harness.publish(Topics.documents, 'DeliveryRequested', conferenceId, {
      conferenceId,
      documentId: randomUUID(),
      deliveryId: randomUUID(),
      participantId: parent.participantId,
      recipientRole: 'PARENT',
      recipientName: 'Rhys Test',
      template: 'PARENT_DOCUMENT_PASSWORD_SMS',
      mobile: asked,
      channel: 'SMS',
      passwordCiphertext: sealSecret(password, LOCAL_DELIVERY_PUBLIC_KEY),
    });
    await waitFor(async () => {
      const rows = await harness.rows<{ status: string }>(
        "SELECT status FROM notifications WHERE participant_id = $1 AND template = 'PARENT_DOCUMENT_PASSWORD_SMS'",
        [parent.participantId],
      );
      return rows[0]?.status === 'HELD';
    });
    await harness.publish(Topics.conference, 'ParticipantUpdated', conferenceId, {
      conferenceId,
      participant: { ...parent, mobile: confirmed, contactConfirmed: true },
    });
    const texts = (to: string) =>
      fetch(`${harness.standins.notify.baseUrl}/_standin/messages?to=${encodeURIComponent(to)}`)
        .then((r) => r.json() as Promise<{ messages?: { body: string }[] }>)
        .then((b) => (b.messages ?? []).filter((m) => m.body.includes(password)));
    await waitFor(async () => (await texts(confirmed)).length > 0);
    await settle(1000);
    expect(await texts(confirmed)).toHaveLength(1);
    expect(await texts(asked)).toHaveLength(0);
  });

  it('R-CONTACT: a held delivery that a later circulation withdrew (DeliveryWithdrawn) is never sent, even once the contact is confirmed', async () => {
    const mobile = '+447700900421';
    const parent = person('PARENT', 'Wyn', { mobile, email: `wyn.${randomUUID().slice(0, 6)}@family.example` });
    const conferenceId = await harness.schedule([parent]);
    const password = `Pw-${randomUUID().slice(0, 12)}!`;
    const deliveryId = randomUUID();
    await harness.publish(Topics.documents, 'DeliveryRequested', conferenceId, {
      conferenceId,
      documentId: randomUUID(),
      deliveryId,
      participantId: parent.participantId,
      recipientRole: 'PARENT',
      recipientName: 'Wyn Test',
      template: 'PARENT_DOCUMENT_PASSWORD_SMS',
      mobile,
      channel: 'SMS',
      passwordCiphertext: sealSecret(password, LOCAL_DELIVERY_PUBLIC_KEY),
    });
    const statusOf = async () =>
      (
        await harness.rows<{ status: string; hold_reason: string | null }>(
          'SELECT status, hold_reason FROM notifications WHERE delivery_id = $1',
          [deliveryId],
        )
      )[0];
    await waitFor(async () => (await statusOf())?.status === 'HELD');
    await harness.publish(Topics.documents, 'DeliveryWithdrawn', conferenceId, {
      conferenceId,
      deliveryId,
      participantId: parent.participantId,
      reason: 'replaced by a later circulation of the plan',
    });
    await waitFor(async () => (await statusOf())?.hold_reason === 'SUPERSEDED');
    await harness.publish(Topics.conference, 'ParticipantUpdated', conferenceId, {
      conferenceId,
      participant: { ...parent, contactConfirmed: true },
    });
    // The confirmation releases what else was held for Wyn (the invitation), never the withdrawn text.
    await waitFor(
      async () =>
        (
          await harness.rows<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE participant_id = $1 AND status <> 'HELD'", [
            parent.participantId,
          ])
        )[0].n > 0,
    );
    await settle(2000);
    expect(await statusOf()).toEqual({ status: 'HELD', hold_reason: 'SUPERSEDED' });
    const texts = await fetch(`${harness.standins.notify.baseUrl}/_standin/messages?to=${encodeURIComponent(mobile)}`)
      .then((r) => r.json() as Promise<{ messages?: { body: string }[] }>)
      .then((b) => (b.messages ?? []).filter((m) => m.body.includes(password)));
    expect(texts).toHaveLength(0);
  });

  it('the events of a send carry the correlation id of the event that asked for it, though a queue worker sends it (issue 13 item 6)', async () => {
    const chair = person('CHAIR', 'Cleo', { email: `cleo.${randomUUID().slice(0, 6)}@council.example` });
    const conferenceId = randomUUID();
    const correlationId = `corr-${randomUUID()}`;
    const envelope = createEnvelope('/cpc/test', 1, {
      type: 'ConferenceScheduled',
      conferenceId,
      localAuthority: TEST_LA,
      correlationId,
      data: {
        conferenceId,
        kind: 'ICPC',
        localAuthority: TEST_LA,
        scheduledStart: new Date(Date.now() + 72 * 3600_000).toISOString(),
        durationMinutes: 90,
        participationOption: 'FULL',
        children: [],
        warnings: [],
        participants: [chair],
      },
    });
    // As the relay sends it: the envelope's correlationid travels as the x-correlation-id header too.
    const publisher = await new ContractEventPublisher('notifications-correlation-test').start();
    try {
      await publisher.publish(Topics.conference, envelope);
    } finally {
      await publisher.stop();
    }
    const [sent] = await waitFor(() => {
      const found = harness.probe.ofType('NotificationSent', conferenceId);
      return found.length > 0 && found;
    });
    expect(sent.json.correlationid).toBe(correlationId);
    expect(sent.headers['x-correlation-id']).toBe(correlationId);
  });

  it('R-CONTACT: a contact confirmed after the conference began releases no invitation', async () => {
    const parent = person('PARENT', 'Ivo', { email: `ivo.${randomUUID().slice(0, 6)}@family.example` });
    const conferenceId = await harness.schedule([parent]);
    await harness.publish(Topics.conference, 'ConferenceStarted', conferenceId, {
      conferenceId,
      status: 'IN_PROGRESS',
      at: new Date().toISOString(),
    });
    await harness.publish(Topics.conference, 'ParticipantUpdated', conferenceId, {
      conferenceId,
      participant: { ...parent, contactConfirmed: true },
    });
    const [row] = await waitFor(async () => {
      const rows = await harness.rows<{ status: string; last_error: string }>(
        'SELECT status, last_error FROM notifications WHERE participant_id = $1',
        [parent.participantId],
      );
      return rows[0]?.last_error?.includes('began') && rows;
    });
    expect(row.status).toBe('HELD');
    expect(await harness.smtpMessages(parent.email!)).toHaveLength(0);
  });

  it('PlanCirculated: the chair is told of a held parent by role and initials, and of a failed one, once each', async () => {
    const chair = person('CHAIR', 'Chloe', { email: `chloe.${randomUUID().slice(0, 6)}@council.example` });
    const held = person('PARENT', 'Dana', { lastName: 'Thorne' });
    const failed = person('PARENT', 'Eli', { lastName: 'Marsh', contactConfirmed: true });
    const conferenceId = await harness.schedule([chair, held, failed]);
    const circulationId = randomUUID();
    const base = { conferenceId, circulationId, planId: randomUUID(), planVersion: 1 };
    const heldResult = {
      participantId: held.participantId,
      recipientRole: 'PARENT',
      status: 'HELD',
      reasonCode: 'HELD_CONTACT_UNCONFIRMED',
      deliveryIds: [],
    };
    const failedResult = {
      participantId: failed.participantId,
      recipientRole: 'PARENT',
      status: 'FAILED',
      reasonCode: 'DELIVERY_FAILED',
      reason: 'the password text could not be delivered',
      deliveryIds: [randomUUID()],
    };
    await harness.publish(
      Topics.documents,
      'PlanCirculated',
      conferenceId,
      { ...base, circulatedAt: new Date().toISOString(), results: [heldResult, failedResult], complete: false },
      { v: 2 },
    );
    await harness.publish(Topics.documents, 'CirculationRecipientUpdated', conferenceId, {
      ...base,
      at: new Date().toISOString(),
      recipient: failedResult,
      complete: false,
    });
    const mail = await waitFor(async () => {
      const all = (await harness.mailTo(chair.email!, 'Plan not')).filter((m) => m.subject.startsWith('Plan not'));
      return all.length >= 2 && all;
    });
    await settle(1500);
    const plans = (await harness.mailTo(chair.email!, 'Plan not')).filter((m) => m.subject.startsWith('Plan not'));
    expect(plans).toHaveLength(2);
    const heldMail = plans.find((m) => m.subject.includes('confirm contact details'))!;
    expect(heldMail.subject).toContain('parent D. T.');
    expect(mail.some((m) => m.subject.includes('Plan not delivered to parent E. M.'))).toBe(true);
    for (const m of plans) expect(`${m.subject}\n${m.text}`).not.toMatch(/Dana|Thorne|Eli |Marsh/);
  });
});
