import { createConferenceClient, type ConferenceComponents } from '@cpc/client';
import { randomUUID } from 'node:crypto';
import { bearer } from '../../../../test/support';
import { ConferenceHarness } from '../../test/conference-harness';

// Issue 12 item 3: the typed client generated from docs/openapi/conference.json (@cpc/client) schedules
// a conference against the running service and reads it back; what the compiler checks is what answers.
jest.setTimeout(120_000);

describe('the typed conference client (@cpc/client, openapi-fetch)', () => {
  let harness: ConferenceHarness;
  beforeAll(async () => {
    harness = await ConferenceHarness.start();
  });
  afterAll(() => harness.stop());

  const client = (roles: Parameters<typeof bearer>[0]) =>
    createConferenceClient({
      baseUrl: harness.service.url,
      token: bearer(roles, { la: harness.la }).Authorization.slice('Bearer '.length),
    });

  it('schedules a conference and reads it back, ETag and version agreeing', async () => {
    const body: ConferenceComponents['schemas']['ScheduleConferenceDto'] = {
      kind: 'ICPC',
      localAuthority: harness.la,
      children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      scheduledStart: new Date(Date.now() + 72 * 3600_000).toISOString(),
      durationMinutes: 90,
      participants: [{ role: 'PARENT', firstName: 'Pat', lastName: 'Stone', email: 'pat@example.org' }],
    };
    const created = await client(['CHAIR']).POST('/api/v1/conferences', { body, headers: { 'Idempotency-Key': randomUUID() } });
    expect(created.response.status).toBe(201);
    const scheduled = created.data as ConferenceComponents['schemas']['ConferenceView'];
    expect(scheduled).toMatchObject({ kind: 'ICPC', status: 'SCHEDULED', localAuthority: harness.la, version: 1 });

    const read = await client(['CHAIR']).GET('/api/v1/conferences/{id}', { params: { path: { id: scheduled.id } } });
    expect(read.response.status).toBe(200);
    expect(read.response.headers.get('etag')).toBe(`"${read.data?.version}"`);
    expect(read.data).toMatchObject({
      id: scheduled.id,
      scheduledStart: new Date(body.scheduledStart).toISOString(),
      children: [expect.objectContaining({ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' })],
      participants: [expect.objectContaining({ role: 'PARENT', firstName: 'Pat', email: 'pat@example.org' })],
    });
  });

  it('gives a refusal as the documented problem: 400 naming the field, 404 for an unknown id', async () => {
    const invalid = await client(['CHAIR']).GET('/api/v1/conferences', { params: { query: { status: 'NOT_A_STATUS' as never } } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(invalid.error).toMatchObject({ type: '/problems/validation-error', errors: [expect.objectContaining({ field: 'status' })] });

    const missing = await client(['CHAIR']).GET('/api/v1/conferences/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ type: '/problems/not-found', status: 404 });
  });
});
