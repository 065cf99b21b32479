import type { Role } from '@cpc/contracts';
import { randomUUID } from 'node:crypto';
import { ConferenceHarness } from '../../test/conference-harness';

// R-PART / R-CONTACT over HTTP with the real PostgreSQL and Kafka: correcting a participant, and
// what the chair's confirmation of contact details needs.
jest.setTimeout(60_000);

describe('PATCH /conferences/{id}/participants/{participantId}', () => {
  let h: ConferenceHarness;
  beforeAll(async () => {
    h = await ConferenceHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const patch = (path: string, body: object, roles: Role[] = ['SOCIAL_WORKER'], headers: Record<string, string> = {}) =>
    h
      .http()
      .patch(`/api/v1${path}`)
      .set(h.as(roles))
      .set({ 'Idempotency-Key': randomUUID(), ...headers })
      .send(body);

  async function confirmedParent() {
    const { id } = await h.schedule();
    const added = await h.post(
      `/conferences/${id}/participants`,
      { role: 'PARENT', firstName: 'Jo', lastName: 'Stone', email: 'jo@example.org', mobile: '07700 900123', preferredChannel: 'SMS' },
      ['SOCIAL_WORKER'],
    );
    const participantId = added.body.participants[0].participantId as string;
    expect((await h.post(`/conferences/${id}/participants/${participantId}/contact-confirmation`)).status).toBe(200);
    return { id, participantId, path: `/conferences/${id}/participants/${participantId}` };
  }

  it('corrects names, language and needs; ParticipantUpdated carries the new snapshot; the confirmation stands', async () => {
    const { id, path } = await confirmedParent();
    const body = { firstName: 'Joanne', knownAs: ['Jo'], language: 'Polish', needsInterpreter: true, supportNeeds: ['AUDIO_ONLY'] };
    const corrected = await patch(path, body);
    expect(corrected.status).toBe(200);
    expect(corrected.headers.etag).toBe(`"${corrected.body.version}"`);
    expect(corrected.body.participants[0]).toMatchObject({ ...body, lastName: 'Stone', contactConfirmed: true, mobile: '+447700900123' });
    const event = await h.event('ParticipantUpdated', id, 2);
    expect(event.json.data.participant).toMatchObject({ ...body, contactConfirmed: true });
    expect((await h.row(id)).participants[0]).toMatchObject(body);
  });

  it('R-CONTACT: a new email or mobile withdraws the confirmation until the chair confirms again', async () => {
    for (const change of [{ email: 'jo.new@example.org' }, { mobile: '+44 7700 900999' }]) {
      const { id, path } = await confirmedParent();
      const corrected = await patch(path, change, ['CLERK']);
      expect(corrected.status).toBe(200);
      expect(corrected.body.participants[0].contactConfirmed).toBe(false);
      expect((await h.event('ParticipantUpdated', id, 2)).json.data.participant.contactConfirmed).toBe(false);
      expect((await h.post(`${path}/contact-confirmation`)).body.participants[0].contactConfirmed).toBe(true);
    }
  });

  it('the same email and mobile again (in another form) is no change: still confirmed, no event', async () => {
    const { id, path } = await confirmedParent();
    const same = await patch(path, { email: 'jo@example.org', mobile: '+44 7700 900123' });
    expect(same.status).toBe(200);
    expect(same.body.participants[0].contactConfirmed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.probe.ofType('ParticipantUpdated', id)).toHaveLength(1); // the confirmation only
  });

  it('null clears an optional field; a preferred channel left without its contact falls back', async () => {
    const { path } = await confirmedParent();
    const cleared = await patch(path, { mobile: null, language: null });
    expect(cleared.body.participants[0]).toMatchObject({ email: 'jo@example.org', preferredChannel: 'EMAIL', contactConfirmed: false });
    expect(cleared.body.participants[0]).not.toHaveProperty('mobile');
    expect((await patch(path, { firstName: null })).body.errors[0].field).toBe('firstName');
  });

  it.each([
    ['mobile', { mobile: '020 7946 0018' }],
    ['email', { email: 'not-an-email' }],
    ['role', { role: 'CHAIR' }],
    ['userId', { userId: 'someone-else' }],
    ['colour', { colour: 'red' }],
    ['supportNeeds[0]', { supportNeeds: ['CAKE'] }],
    ['body', {}],
  ])('bad input names %s (400)', async (field, body) => {
    const { path } = await confirmedParent();
    const response = await patch(path, body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field.replace('[0]', ''));
  });

  it('only SOCIAL_WORKER, CHAIR and CLERK; an unknown participant is 422; a stale If-Match is 412; not after CLOSED or CANCELLED', async () => {
    const { id, path } = await confirmedParent();
    for (const role of ['TEAM_MANAGER', 'PROFESSIONAL', 'ADVOCATE'] as Role[])
      expect((await patch(path, { language: 'Welsh' }, [role])).status).toBe(403);
    expect((await patch(`/conferences/${id}/participants/${randomUUID()}`, { language: 'Welsh' })).status).toBe(422);
    expect((await patch(path, { language: 'Welsh' }, ['CHAIR'], { 'If-Match': '"1"' })).status).toBe(412);
    await h.post(`/conferences/${id}/cancel`, { reason: 'Case closed' });
    expect((await patch(path, { language: 'Welsh' })).status).toBe(409);
  });
});

describe('R-CONTACT: confirming a parent needs both email and mobile', () => {
  let h: ConferenceHarness;
  beforeAll(async () => {
    h = await ConferenceHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each([
    ['PARENT', { mobile: '07700 900123' }, 422, ['email']],
    ['PARENT', { email: 'jo@example.org' }, 422, ['mobile']],
    ['PARENT', {}, 422, ['email', 'mobile']],
    ['PARENT', { email: 'jo@example.org', mobile: '07700 900123' }, 200, []],
    ['FAMILY_MEMBER', { mobile: '07700 900123' }, 200, []],
    ['PROFESSIONAL', {}, 422, ['email', 'mobile']],
  ])('%s with %j → %i', async (role, contact, status, missing) => {
    const { id } = await h.schedule();
    const added = await h.post(`/conferences/${id}/participants`, { role, firstName: 'A', lastName: 'B', ...contact }, ['SOCIAL_WORKER']);
    const confirmed = await h.post(`/conferences/${id}/participants/${added.body.participants[0].participantId}/contact-confirmation`);
    expect(confirmed.status).toBe(status);
    if (status === 422) expect(confirmed.body.errors.map((e: { field: string }) => e.field)).toEqual(missing);
    else expect(confirmed.body.participants[0].contactConfirmed).toBe(true);
  });
});
