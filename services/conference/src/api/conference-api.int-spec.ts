import type { Role } from '@cpc/contracts';
import { ConferenceHarness } from '../../test/conference-harness';
import fc from 'fast-check';
import { createHash, randomUUID } from 'node:crypto';
import { conferenceRequest, queryService } from '../../../../test/support';

// Issue 3 over HTTP with the real PostgreSQL and Kafka: what is stored, and what reaches conference.events keyed by the conference id.
jest.setTimeout(60_000);
const DAY = 24 * 3600_000;

describe('conference API', () => {
  let h: ConferenceHarness;

  beforeAll(async () => {
    h = await ConferenceHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('schedules with participants carrying names, contacts and channel; ConferenceScheduled is keyed by the conference id', async () => {
    const parent = {
      role: 'PARENT',
      firstName: 'Jo',
      lastName: 'Stone',
      knownAs: ['Jojo'],
      email: 'jo@example.org',
      mobile: '07911 234567',
      preferredChannel: 'SMS',
      addresses: ['1 High St, London W6 7AA'],
      supportNeeds: ['DATA_TOP_UP'],
    };
    const created = await h.schedule({ participants: [parent] });
    expect(created.status).toBe('SCHEDULED');
    const event = await h.event('ConferenceScheduled', created.id);
    expect(event.key).toBe(created.id);
    expect(event.json.subject).toBe(created.id);
    expect(event.json.data.participants[0]).toMatchObject({ ...parent, mobile: '+447911234567', contactConfirmed: false });
    expect((await h.row(created.id)).participants[0].mobile).toBe('+447911234567');
  });

  it('R-OPT-2: THREE_PART needs the chair and a rationale', async () => {
    const three = { participationOption: 'THREE_PART', optionRationale: 'Parents cannot be in the same meeting' };
    const bySw = await h.post('/conferences', { ...conferenceBody(h), ...three }, ['SOCIAL_WORKER']);
    expect(bySw.status).toBe(422);
    expect(bySw.body.errors).toEqual([expect.objectContaining({ field: 'chairAgreed' })]);
    const noRationale = await h.post('/conferences', { ...conferenceBody(h), participationOption: 'THREE_PART', chairAgreed: true }, [
      'SOCIAL_WORKER',
    ]);
    expect(noRationale.status).toBe(400);
    expect(noRationale.body.errors[0].field).toBe('optionRationale');
    // Issue 12 item 5: the chair's agreement is the chair's own call, not a flag the SW sends.
    const flagged = await h.post('/conferences', { ...conferenceBody(h), ...three, chairAgreed: true }, ['SOCIAL_WORKER']);
    expect(flagged.status).toBe(403);
    expect(flagged.body.errors).toEqual([expect.objectContaining({ field: 'chairAgreed' })]);
    const agreed = await h.post('/conferences', { ...conferenceBody(h), ...three }, ['CHAIR']);
    expect(agreed.status).toBe(201);
    expect(agreed.body).toMatchObject({ participationOption: 'THREE_PART', optionChairAgreed: true });
  });

  it('R-OPT-2: changing to THREE_PART later needs the chair; ParticipationOptionChanged is emitted', async () => {
    const { id } = await h.schedule();
    const body = { participationOption: 'THREE_PART', rationale: 'Parents apart' };
    expect((await h.post(`/conferences/${id}/participation-option`, body, ['SOCIAL_WORKER'])).status).toBe(422);
    const changed = await h.post(`/conferences/${id}/participation-option`, body);
    expect(changed.body).toMatchObject({ participationOption: 'THREE_PART', optionRationale: 'Parents apart', optionChairAgreed: true });
    expect(changed.headers.etag).toBe(`"${changed.body.version}"`);
    expect((await h.event('ParticipationOptionChanged', id)).json.data).toMatchObject(body);
  });

  it('national timescales: a late ICPC is accepted with a warning in the response and the event', async () => {
    const created = await h.schedule({ strategyDiscussionAt: new Date(Date.now() - 40 * DAY).toISOString() });
    expect(created.warnings).toEqual(['ICPC_AFTER_15_WORKING_DAYS']);
    expect((await h.event('ConferenceScheduled', created.id)).json.data.warnings).toEqual(['ICPC_AFTER_15_WORKING_DAYS']);
    const review = await h.schedule({ kind: 'RCPC', previousConferenceId: created.id }, 24 * 200);
    expect(review.warnings).toEqual(['RCPC_AFTER_3_MONTHS']);
    const start = new Date(Date.now() + 60 * DAY).toISOString();
    const moved = await h.post(`/conferences/${review.id}/reschedule`, { scheduledStart: start, reason: 'earlier slot' });
    expect(moved.body.warnings).toEqual([]);
    expect((await h.event('ConferenceRescheduled', review.id)).json.data.warnings).toEqual([]);
  });

  it('participants: a UK mobile is required, the chair confirms parent contact (R-CONTACT)', async () => {
    const { id } = await h.schedule();
    const landline = await h.post(
      `/conferences/${id}/participants`,
      { role: 'PARENT', firstName: 'A', lastName: 'B', mobile: '020 7946 0018' },
      ['SOCIAL_WORKER'],
    );
    expect(landline.status).toBe(400);
    expect(landline.body.errors).toEqual([expect.objectContaining({ field: 'mobile' })]);
    const added = await h.post(
      `/conferences/${id}/participants`,
      // R-CONTACT: delivery to parents needs both confirmed, so the chair confirms only a parent with email and mobile.
      { role: 'PARENT', firstName: 'Sam', lastName: 'Stone', email: 'sam@example.org', mobile: '+44 7700 900123' },
      ['SOCIAL_WORKER'],
    );
    expect(added.status).toBe(201);
    const participant = added.body.participants[0];
    expect((await h.event('ParticipantAdded', id)).json.data.participant).toMatchObject({ firstName: 'Sam', mobile: '+447700900123' });
    const bySw = await h.post(`/conferences/${id}/participants/${participant.participantId}/contact-confirmation`, {}, ['SOCIAL_WORKER']);
    expect(bySw.status).toBe(403);
    const confirmed = await h.post(`/conferences/${id}/participants/${participant.participantId}/contact-confirmation`);
    expect(confirmed.status).toBe(200);
    expect((await h.event('ParticipantUpdated', id)).json.data.participant.contactConfirmed).toBe(true);
  });

  it('preparation steps: recorded with who/when/notes; option-specific steps and R-PREP-5 without the chair refused', async () => {
    const { id } = await h.schedule();
    const done = await h.post(`/conferences/${id}/preparation/R-PREP-1`, { notes: 'interpreter booked' }, ['SOCIAL_WORKER']);
    expect(done.status).toBe(201);
    expect(done.body.preparation[0]).toMatchObject({ step: 'R-PREP-1', completedBy: 'user-social_worker', notes: 'interpreter booked' });
    expect((await h.event('PreparationStepCompleted', id)).json.data).toMatchObject({ step: 'R-PREP-1', notes: 'interpreter booked' });
    expect((await h.post(`/conferences/${id}/preparation/R-PREP-9`)).status).toBe(422); // THREE_PART only
    // Issue 12 item 5: each step is recorded by whose work it is; a 403 names the step and who records it.
    const notYours = await h.post(`/conferences/${id}/preparation/R-PREP-7`, {}, ['PROFESSIONAL']);
    expect(notYours.status).toBe(403);
    expect(notYours.body).toMatchObject({ type: '/problems/step-not-yours', step: 'R-PREP-7', allowedRoles: ['CHAIR'] });
    expect((await h.post(`/conferences/${id}/preparation/R-PREP-5`, {}, ['SOCIAL_WORKER'])).status).toBe(403);
    expect((await h.post(`/conferences/${id}/preparation/R-PREP-5`, { chairAgreed: true }, ['SOCIAL_WORKER'])).status).toBe(403);
    expect((await h.post(`/conferences/${id}/preparation/R-PREP-5`, {}, ['CHAIR'])).status).toBe(201);
    expect((await h.post(`/conferences/${id}/preparation/R-ROOM`)).status).toBe(422);
    expect((await h.post(`/conferences/${id}/preparation/R-NOPE`)).body.errors[0].field).toBe('step');
  });

  it('R-POSTPONE: needs both service managers; a new date brings it back to SCHEDULED', async () => {
    const { id } = await h.schedule();
    expect((await h.post(`/conferences/${id}/postponement/approvals`, {}, ['SAFEGUARDING_SERVICE_MANAGER'])).status).toBe(409);
    expect((await h.post(`/conferences/${id}/postponement`, { rationale: 'Police report missing' }, ['SOCIAL_WORKER'])).status).toBe(201);
    const first = await h.post(`/conferences/${id}/postponement/approvals`, {}, ['SAFEGUARDING_SERVICE_MANAGER']);
    expect(first.body.status).toBe('SCHEDULED');
    expect((await h.post(`/conferences/${id}/postponement/approvals`, {}, ['SAFEGUARDING_SERVICE_MANAGER'])).status).toBe(409);
    const second = await h.post(`/conferences/${id}/postponement/approvals`, {}, ['LOCALITY_SERVICE_MANAGER']);
    expect(second.body.status).toBe('POSTPONED');
    expect((await h.event('ConferencePostponed', id)).json.data).toMatchObject({ status: 'POSTPONED', previousStatus: 'SCHEDULED' });
    const start = new Date(Date.now() + 10 * DAY).toISOString();
    const moved = await h.post(`/conferences/${id}/reschedule`, { scheduledStart: start, reason: 'new date agreed' });
    expect(moved.body).toMatchObject({ status: 'SCHEDULED', scheduledStart: start });
    expect((await h.event('ConferenceRescheduled', id)).json.data.scheduledStart).toBe(start);
  });

  it('R-LIFE: an illegal move is 409 naming the current status and the allowed actions', async () => {
    const { id } = await h.schedule();
    const refused = await h.post(`/conferences/${id}/pause`, { reason: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ currentStatus: 'SCHEDULED', allowedActions: expect.arrayContaining(['start', 'cancel']) });
  });

  it('R-CONT: contingency creates the tracked tasks', async () => {
    const { id } = await h.schedule({ kind: 'RCPC' });
    const response = await h.post(`/conferences/${id}/contingency`, { reason: 'Parents unavailable' }, ['SOCIAL_WORKER']);
    expect(response.body.status).toBe('CONTINGENCY');
    const event = await h.event('ContingencyInvoked', id);
    expect(event.json.data.tasks).toContain('SW and chair discuss progress and new risks');
  });

  it('optimistic concurrency: a stale If-Match is 412; the right one is accepted', async () => {
    const { id, version } = await h.schedule();
    const stale = await h.post(`/conferences/${id}/preparation/R-PREP-1`, {}, ['CHAIR'], { 'If-Match': `"${version + 5}"` });
    expect(stale.status).toBe(412);
    const fresh = await h.post(`/conferences/${id}/preparation/R-PREP-1`, {}, ['CHAIR'], { 'If-Match': `"${version}"` });
    expect(fresh.status).toBe(201);
    expect(fresh.body.version).toBe(version + 1);
  });

  it('Idempotency-Key: a repeat returns the first answer and emits nothing more', async () => {
    const { id } = await h.schedule();
    const send = () => h.post(`/conferences/${id}/start`, {}, ['CHAIR'], { 'Idempotency-Key': `start-${id}` });
    const [first, second] = [await send(), await send()];
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    await h.event('ConferenceStarted', id);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.probe.ofType('ConferenceStarted', id)).toHaveLength(1);
  });

  it('property: Idempotency-Key under concurrency: per key one conference, every answer its 201 or 409 in progress; a key reused with another body 422', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), otherBody: fc.boolean() }), { minLength: 2, maxLength: 24 }),
        async (sends) => {
          const run = randomUUID().slice(0, 8);
          const la = `LA-${run}`; // a local authority of this run: what it has is what the run made
          // Made once per run (a request's start is relative to now): a repeat sends the very same body.
          const bodies = new Map<string, object>();
          const bodyOf = (key: number, other: boolean) => {
            const name = `${key}-${other}`;
            if (!bodies.has(name)) bodies.set(name, conferenceRequest(72 + key, { localAuthority: la, durationMinutes: other ? 60 : 90 }));
            return bodies.get(name)!;
          };
          const send = (key: number, other: boolean) =>
            h
              .http()
              .post('/api/v1/conferences')
              .set(h.as(['CHAIR'], la))
              .set({ 'Idempotency-Key': `prop-${run}-${key}` })
              .send(bodyOf(key, other));
          const answers = await Promise.all(sends.map(({ key, otherBody }) => send(key, otherBody)));
          const keys = [...new Set(sends.map((s) => s.key))];
          const winners = new Map<number, { id: string; otherBody: boolean }>();
          for (const key of keys) {
            const ofKey = sends.map((s, i) => ({ send: s, answer: answers[i] })).filter(({ send: s }) => s.key === key);
            const ids = new Set(ofKey.filter(({ answer }) => answer.status === 201).map(({ answer }) => answer.body.id as string));
            expect(ids.size).toBe(1); // one conference per key, whoever won the claim
            const winner = ofKey.find(({ answer }) => answer.status === 201)!;
            winners.set(key, { id: winner.answer.body.id, otherBody: winner.send.otherBody });
            for (const { send: s, answer } of ofKey) {
              if (answer.status === 201) expect(s.otherBody).toBe(winner.send.otherBody);
              else if (answer.status === 422) {
                expect(s.otherBody).not.toBe(winner.send.otherBody); // refused only for another body
                expect(answer.body.type).toMatch(/idempotency-key-reused/);
              } else {
                expect(answer.status).toBe(409);
                expect(answer.body.type).toMatch(/idempotent-request-in-progress/);
              }
            }
          }
          // A repeat after all settled: the first answer (its very id) for the same body, 422 for the other.
          for (const key of keys) {
            const winner = winners.get(key)!;
            const again = await send(key, winner.otherBody);
            expect(again.status).toBe(201);
            expect(again.body.id).toBe(winner.id);
            expect((await send(key, !winner.otherBody)).status).toBe(422);
          }
          // Nothing else was made: not by a 409, a 422 or a repeat.
          const made = await queryService<{ id: string; duration_minutes: number }>(
            'conference',
            'SELECT id, duration_minutes FROM conferences WHERE local_authority = $1',
            [la],
          );
          expect(made.map((c) => c.id).sort()).toEqual([...winners.values()].map((w) => w.id).sort());
          for (const winner of winners.values())
            expect(made.find((c) => c.id === winner.id)?.duration_minutes).toBe(winner.otherBody ? 60 : 90);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('Idempotency-Key: a claim whose request never finished (a crash mid-way) answers 409 at first, and is taken over once it is older than the timeout', async () => {
    const { id } = await h.schedule();
    const key = `crashed-${id}`;
    const path = `/api/v1/conferences/${id}/start`;
    // What the interceptor stores when it claims a key: the request's hash, and no answer yet.
    const hash = createHash('sha256')
      .update(`POST ${path} ${JSON.stringify({})}`)
      .digest('hex');
    await queryService(
      'conference',
      `INSERT INTO idempotency_keys (principal, idempotency_key, method, path, request_hash) VALUES ('user-chair', $1, 'POST', $2, $3)`,
      [key, path, hash],
    );
    const send = () => h.post(`/conferences/${id}/start`, {}, ['CHAIR'], { 'Idempotency-Key': key });
    const inProgress = await send();
    expect(inProgress.status).toBe(409);
    expect(inProgress.body.type).toMatch(/idempotent-request-in-progress/);
    await queryService('conference', `UPDATE idempotency_keys SET created_at = now() - interval '10 minutes' WHERE idempotency_key = $1`, [
      key,
    ]);
    const takenOver = await send();
    expect(takenOver.status).toBe(200);
    expect(takenOver.body.status).toBe('IN_PROGRESS');
    const repeat = await send();
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(takenOver.body);
    await h.event('ConferenceStarted', id);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.probe.ofType('ConferenceStarted', id)).toHaveLength(1);
  });

  it('lists with filters and pages; another local authority sees nothing and gets 404', async () => {
    const { id } = await h.schedule({}, 24 * 30);
    await h.post(`/conferences/${id}/participants`, { role: 'CHAIR', firstName: 'C', lastName: 'Hair', userId: 'chair-42' }, ['CLERK']);
    const byChair = await h.get('/conferences?chair=chair-42');
    expect(byChair.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const page = await h.get('/conferences?status=SCHEDULED&pageSize=2&page=1');
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    const at = (days: number) => encodeURIComponent(new Date(Date.now() + days * DAY).toISOString());
    const window = await h.get(`/conferences?from=${at(29)}&to=${at(31)}`);
    expect(window.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await h.get('/conferences', ['CHAIR'], 'ELSEWHERE')).body.total).toBe(0);
    for (const path of [`/conferences/${id}`, `/conferences/${id}/timeline`])
      expect((await h.get(path, ['CHAIR'], 'ELSEWHERE')).status).toBe(404);
    const write = await h
      .http()
      .post(`/api/v1/conferences/${id}/start`)
      .set(h.as(['CHAIR'], 'ELSEWHERE'))
      .send({});
    expect(write.status).toBe(404);
  });

  it('audits reads and changes', async () => {
    const { id } = await h.schedule();
    await h.get(`/conferences/${id}`);
    const { queryService, waitFor } = await import('../../../../test/support');
    const rows = await waitFor(async () => {
      const found = await queryService<{ action: string }>('conference', 'SELECT action FROM audit_log WHERE resource_id = $1', [id]);
      return found.length >= 1 ? found : undefined;
    });
    expect(rows.map((r) => r.action)).toContain('GET /api/v1/conferences/:id');
  });

  // Who may call what (DOMAIN.md roles); everyone else is 403, before anything is looked up.
  const MATRIX: [string, string, Role[]][] = [
    ['POST', '/conferences', ['CHAIR', 'SOCIAL_WORKER', 'CLERK']],
    [
      'GET',
      '/conferences/:id',
      ['CHAIR', 'SOCIAL_WORKER', 'CLERK', 'TEAM_MANAGER', 'SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER'],
    ],
    [
      'GET',
      '/conferences/:id/timeline',
      ['CHAIR', 'SOCIAL_WORKER', 'CLERK', 'TEAM_MANAGER', 'SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER'],
    ],
    ['POST', '/conferences/:id/participants', ['CHAIR', 'SOCIAL_WORKER', 'CLERK']],
    ['PATCH', '/conferences/:id/participants/:participantId', ['CHAIR', 'SOCIAL_WORKER', 'CLERK']],
    ['POST', '/conferences/:id/participation-option', ['CHAIR', 'SOCIAL_WORKER']],
    ['POST', '/conferences/:id/preparation/R-PREP-1', ['CHAIR', 'SOCIAL_WORKER', 'CLERK', 'PROFESSIONAL']],
    ['POST', '/conferences/:id/reschedule', ['CHAIR', 'SOCIAL_WORKER', 'CLERK']],
    ['POST', '/conferences/:id/postponement', ['CHAIR', 'SOCIAL_WORKER']],
    ['POST', '/conferences/:id/postponement/approvals', ['SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER']],
    ['POST', '/conferences/:id/contingency', ['CHAIR', 'SOCIAL_WORKER']],
    ['POST', '/conferences/:id/start', ['CHAIR']],
    ['POST', '/conferences/:id/pause', ['CHAIR']],
    ['POST', '/conferences/:id/resume', ['CHAIR']],
    ['POST', '/conferences/:id/conclude', ['CHAIR']],
    ['POST', '/conferences/:id/cancel', ['CHAIR']],
    ['POST', '/conferences/:id/close', ['CHAIR']],
    ['POST', '/conferences/:id/debrief', ['SOCIAL_WORKER', 'CHAIR']],
  ];
  const ROLES: Role[] = [
    'CHAIR',
    'SOCIAL_WORKER',
    'CLERK',
    'TEAM_MANAGER',
    'SAFEGUARDING_SERVICE_MANAGER',
    'LOCALITY_SERVICE_MANAGER',
    'PROFESSIONAL',
    'ADVOCATE',
    'INTERPRETER',
  ];

  it('role × endpoint matrix: allowed roles get past the guard, the others are 403', async () => {
    const { id } = await h.schedule();
    const failures: string[] = [];
    for (const [method, template, allowed] of MATRIX) {
      const path = `/api/v1${template.replace(':id', id).replace(':participantId', id)}`;
      for (const role of ROLES) {
        const call =
          method === 'GET' ? h.http().get(path) : method === 'PATCH' ? h.http().patch(path).send({}) : h.http().post(path).send({});
        const response = await call.set(h.as([role]));
        const forbidden = response.status === 403 && response.body.type === '/problems/forbidden';
        if (forbidden === allowed.includes(role)) failures.push(`${role} ${method} ${template} → ${response.status}`);
        if (response.status >= 500) failures.push(`${role} ${method} ${template} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

function conferenceBody(h: ConferenceHarness) {
  return {
    kind: 'ICPC',
    localAuthority: h.la,
    children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
    scheduledStart: new Date(Date.now() + 3 * DAY).toISOString(),
    durationMinutes: 90,
  };
}
