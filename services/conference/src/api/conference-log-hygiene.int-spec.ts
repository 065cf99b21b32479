import { queryService } from '../../../../test/support';
import { ConferenceHarness } from '../../test/conference-harness';

// Issue 9 item 5 and issue 11 with the real PostgreSQL: no log line ever carries a contact detail,
// whatever the error; a NUL byte or an instant not on the calendar is a 400 naming the field, not a 500.
jest.setTimeout(60_000);
const DAY = 24 * 3600_000;

describe('conference service: log hygiene and control characters', () => {
  let h: ConferenceHarness;
  let logs: ReturnType<ConferenceHarness['captureLogs']>;
  const indexName = `force_db_error_${Math.random().toString(36).slice(2, 10)}`;

  beforeAll(async () => {
    h = await ConferenceHarness.start();
  });
  beforeEach(() => {
    logs = h.captureLogs();
  });
  afterEach(() => logs.stop());
  afterAll(async () => {
    await queryService('conference', `DROP INDEX IF EXISTS ${indexName}`);
    await h?.stop();
  });

  const parent = (overrides: object = {}) => ({
    role: 'PARENT',
    firstName: 'Jo',
    lastName: 'Stone',
    email: 'jo.stone.private@example.org',
    mobile: '07700 900654',
    addresses: ['9 Quiet Row, London W6 7AA'],
    ...overrides,
  });
  const contactForms = ['jo.stone.private@example.org', '07700 900654', '+447700900654', '7700900654', '9 Quiet Row'];
  const inLogs = () => contactForms.filter((form) => logs.text().includes(form));
  const conference = (overrides: object = {}) => ({
    kind: 'ICPC',
    localAuthority: h.la,
    children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
    scheduledStart: new Date(Date.now() + 3 * DAY).toISOString(),
    durationMinutes: 90,
    ...overrides,
  });

  it('a NUL byte in a participant name is a 400 naming the field (was a 500 logging the SQL parameters)', async () => {
    const { id } = await h.schedule();
    const added = await h.post(`/conferences/${id}/participants`, parent({ firstName: 'Jo\u0000' }), ['SOCIAL_WORKER']);
    expect(added.status).toBe(400);
    expect(added.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(added.body.errors).toEqual([{ field: 'firstName', message: expect.stringMatching(/control characters/) }]);
    const scheduled = await h.post('/conferences', conference({ participants: [parent({ lastName: 'St\u0007one' })] }));
    expect(scheduled.body.errors).toEqual([expect.objectContaining({ field: 'participants[0].lastName' })]);
    const patched = await h
      .http()
      .patch(`/api/v1/conferences/${id}/participants/${id}`)
      .set(h.as(['CHAIR']))
      .send({ knownAs: ['J\u0000'] });
    expect(patched.body.errors).toEqual([expect.objectContaining({ field: 'knownAs[0]' })]);
    expect((await h.row(id)).participants).toEqual([]);
    expect(inLogs()).toEqual([]);
  });

  it('an instant that is not on the calendar is a 400 naming the field (was an Invalid Date sent to PostgreSQL)', async () => {
    const scheduled = await h.post('/conferences', conference({ scheduledStart: '2027-13-01T10:00:00Z', participants: [parent()] }));
    expect(scheduled.status).toBe(400);
    expect(scheduled.body.errors[0].field).toBe('scheduledStart');
    const { id } = await h.schedule();
    for (const [path, body, field] of [
      ['preparation/R-PREP-1', { completedAt: '2026-02-30T10:00:00Z' }, 'completedAt'],
      ['reschedule', { scheduledStart: '2027-01-01T25:00:00Z', reason: 'x' }, 'scheduledStart'],
    ] as const) {
      const response = await h.post(`/conferences/${id}/${path}`, body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe(field);
    }
    expect(inLogs()).toEqual([]);
  });

  it('a driver error (a unique violation quoting the parent email) is a 500 whose log line names the constraint, not the values', async () => {
    // A real PostgreSQL unique violation, limited to this suite's local authority so no other test can meet it.
    await queryService(
      'conference',
      `CREATE UNIQUE INDEX ${indexName} ON conferences ((participants->0->>'email')) WHERE local_authority = '${h.la}'`,
    );
    expect((await h.post('/conferences', conference({ participants: [parent()] }))).status).toBe(201);
    const second = await h.post('/conferences', conference({ participants: [parent()] }));
    expect(second.status).toBe(500);
    expect(second.body.detail).toBe('Something went wrong on our side; it has been logged.');
    const line = logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: indexName });
    expect(line.err).not.toHaveProperty('parameters');
    expect(line.err).not.toHaveProperty('query');
    expect(line.err).not.toHaveProperty('detail');
    expect(line.err.driverError).not.toHaveProperty('detail');
    expect(inLogs()).toEqual([]);
    expect(logs.text()).not.toMatch(/@example\.org|INSERT INTO/);
  });
});
