import fc from 'fast-check';
import { ConferenceHarness } from '../../test/conference-harness';

// Bad input is a 4xx problem+json naming the field, never a 500 (STYLE.md, ARCHITECTURE.md "REST").
jest.setTimeout(60_000);
const DAY = 24 * 3600_000;

describe('conference API: bad input', () => {
  let h: ConferenceHarness;
  let conferenceId: string;

  beforeAll(async () => {
    h = await ConferenceHarness.start();
    conferenceId = (await h.schedule()).id;
  });
  afterAll(async () => {
    await h?.stop();
  });

  const valid = () => ({
    kind: 'ICPC',
    localAuthority: h.la,
    children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
    scheduledStart: new Date(Date.now() + 3 * DAY).toISOString(),
    durationMinutes: 90,
  });

  it.each([
    ['kind', { kind: 'XCPC' }],
    ['children', { children: [] }],
    ['children[0].dateOfBirth', { children: [{ firstName: 'A', lastName: 'B', dateOfBirth: '02/04/2018' }] }],
    ['scheduledStart', { scheduledStart: '2026-12-01T10:00:00' }],
    ['durationMinutes', { durationMinutes: 5 }],
    ['participationOption', { participationOption: 'HALF' }],
    ['previousConferenceId', { previousConferenceId: 'nope' }],
    ['colour', { colour: 'red' }],
    ['participants[0].mobile', { participants: [{ role: 'PARENT', firstName: 'A', lastName: 'B', mobile: '12345' }] }],
    ['participants[0].email', { participants: [{ role: 'PARENT', firstName: 'A', lastName: 'B', email: 'not-an-email' }] }],
  ])('POST /conferences names %s', async (field, override) => {
    const response = await h.post('/conferences', { ...valid(), ...override });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a start in the past (422) and another LA in the body (403)', async () => {
    expect((await h.post('/conferences', { ...valid(), scheduledStart: '2020-01-01T10:00:00Z' })).body.errors).toEqual([
      { field: 'scheduledStart', message: 'must be in the future' },
    ]);
    const elsewhere = await h.post('/conferences', { ...valid(), localAuthority: 'ELSEWHERE' });
    expect(elsewhere.status).toBe(403);
    // Issue 12 item 7: this refusal names its field too.
    expect(elsewhere.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(elsewhere.body.errors).toEqual([
      { field: 'localAuthority', message: expect.stringMatching(/^must be your own local authority/) },
    ]);
  });

  it.each([
    ['/conferences/not-a-uuid/start', {}],
    [`/conferences/:id/pause`, { reason: '' }],
    [`/conferences/:id/conclude`, { decision: 'x', planSummary: 'y', increasedRisk: 'yes' }],
    [`/conferences/:id/reschedule`, { scheduledStart: 'tomorrow', reason: 'r' }],
    [`/conferences/:id/debrief`, { heldAt: 'now', understood: true, viewsHeard: true, safetyPlanConfirmed: true }],
  ])('POST %s is a 400 problem', async (path, body) => {
    const response = await h.post(path.replace(':id', conferenceId), body);
    expect(response.status).toBe(400);
    expect(response.body.type).toBeDefined();
  });

  it('a malformed If-Match is refused, not a 500', async () => {
    const response = await h.post(`/conferences/${conferenceId}/preparation/R-PREP-1`, {}, ['CHAIR'], { 'If-Match': 'banana' });
    expect(response.status).toBe(412);
  });

  it('GET /conferences refuses bad filters naming the field', async () => {
    for (const [query, field] of [
      ['status=LATE', 'status'],
      ['from=tomorrow', 'from'],
      ['pageSize=500', 'pageSize'],
      ['page=0', 'page'],
      ['colour=red', 'colour'],
    ]) {
      const response = await h.get(`/conferences?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe(field);
    }
  });

  it('property: 1000 generated requests over every write endpoint never answer 5xx', async () => {
    const field = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
    const body = fc.oneof(
      fc.record(
        {
          kind: fc.oneof(fc.constantFrom('ICPC', 'RCPC'), field),
          localAuthority: fc.oneof(fc.constant(h.la), field),
          children: fc.oneof(
            fc.array(fc.record({ firstName: field, lastName: field, dateOfBirth: fc.oneof(fc.constant('2018-04-02'), field) })),
            field,
          ),
          scheduledStart: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            field,
          ),
          durationMinutes: fc.oneof(fc.integer({ min: -10, max: 1000 }), field),
          participationOption: fc.oneof(fc.constantFrom('FULL', 'THREE_PART'), field),
          optionRationale: field,
          chairAgreed: field,
          strategyDiscussionAt: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            field,
          ),
          previousConferenceId: fc.oneof(fc.uuid(), field),
          participants: fc.oneof(
            fc.array(fc.record({ role: fc.constantFrom('PARENT', 'CHILD', 'X'), firstName: field, lastName: field, mobile: field })),
            field,
          ),
          reason: field,
          rationale: field,
          decision: field,
          planSummary: field,
          increasedRisk: field,
          heldAt: field,
          notes: field,
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const path = fc.constantFrom(
      '/conferences',
      '/conferences/:id/participants',
      '/conferences/:id/preparation/R-PREP-5',
      '/conferences/:id/preparation/R-ROOM',
      '/conferences/:id/preparation/%00',
      '/conferences/:id/reschedule',
      '/conferences/:id/postponement',
      '/conferences/:id/contingency',
      '/conferences/:id/pause',
      '/conferences/:id/conclude',
      '/conferences/:id/debrief',
      '/conferences/not-a-uuid/start',
    );
    const ifMatch = fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.nat().map(String)), { nil: undefined });
    const seen: number[] = [];
    await fc.assert(
      fc.asyncProperty(path, body, ifMatch, async (template, payload, match) => {
        const target = `/api/v1${template.replace(':id', conferenceId)}`;
        let call = h
          .http()
          .post(target)
          .set(h.as(['CHAIR']));
        if (match !== undefined) call = call.set('If-Match', match);
        const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(payload));
        seen.push(response.status);
        return response.status < 500;
      }),
      { numRuns: 1000 },
    );
    expect(seen.length).toBeGreaterThanOrEqual(1000);
  });
});
