import { Roles } from '@cpc/contracts';
import { bearer, waitFor } from '../../../../test/support';
import { SchedulingHarness } from '../../test/scheduling-harness';

// Issue 4, "Operations": the REST surface of scheduling over HTTP, with the real PostgreSQL, Kafka and Redis.
jest.setTimeout(120_000);
const HOUR = 3600_000;

describe('scheduling API', () => {
  let harness: SchedulingHarness;
  let soon: { conferenceId: string; scheduledStart: Date };
  let later: { conferenceId: string; scheduledStart: Date };

  beforeAll(async () => {
    harness = await SchedulingHarness.start();
    soon = await harness.schedule(2 * HOUR); // 24-hour deadlines breached at once, today
    later = await harness.schedule(96 * HOUR);
    for (const { conferenceId } of [soon, later]) {
      await waitFor(async () => (await harness.deadlines(conferenceId)).length === 10);
    }
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const get = (path: string, roles: Parameters<SchedulingHarness['as']>[0] = ['TEAM_MANAGER'], la?: string) =>
    harness.http().get(`/api/v1${path}`).set(harness.as(roles, la));

  describe('GET /deadlines', () => {
    it('filters by conference, status, kind and due window, soonest first', async () => {
      const byConference = await get(`/deadlines?conferenceId=${later.conferenceId}`);
      expect(byConference.status).toBe(200);
      expect(byConference.body).toMatchObject({ page: 1, pageSize: 50, total: 10 });
      const dues = byConference.body.items.map((d: { dueAt: string }) => d.dueAt);
      expect([...dues].sort()).toEqual(dues);

      const police = await get('/deadlines?kind=R-PREP-3&status=PENDING');
      expect(police.body.items.map((d: { conferenceId: string }) => d.conferenceId)).toEqual([later.conferenceId]);

      const breached = await get('/deadlines?status=BREACHED&kind=R-PREP-3');
      expect(breached.body.items).toMatchObject([{ conferenceId: soon.conferenceId, statusReason: 'already past when created' }]);

      // dueAfter is inclusive, dueBefore exclusive: the 24-hour steps are in, the steps due at the start are out.
      const after = new Date(later.scheduledStart.getTime() - 24 * HOUR);
      const window = await get(
        `/deadlines?dueAfter=${encodeURIComponent(after.toISOString())}&dueBefore=${encodeURIComponent(later.scheduledStart.toISOString())}`,
      );
      const expected = (await harness.deadlines(later.conferenceId))
        .filter((d) => d.due_at >= after && d.due_at < later.scheduledStart)
        .map((d) => d.kind);
      expect(window.body.items.map((d: { kind: string }) => d.kind).sort()).toEqual(expected.sort());
      expect(expected).toEqual(expect.arrayContaining(['R-PREP-3', 'R-PREP-6', 'R-PREP-7']));
      expect(expected).not.toContain('R-PREP-8');
    });

    it('pages through the results', async () => {
      const first = await get('/deadlines?pageSize=3&page=1');
      const fourth = await get('/deadlines?pageSize=3&page=7');
      expect(first.body).toMatchObject({ total: 20, page: 1, pageSize: 3 });
      expect(first.body.items).toHaveLength(3);
      expect(fourth.body.items).toHaveLength(2);
    });

    it("shows a caller only its own local authority's deadlines; another's is not found", async () => {
      const other = await get(`/deadlines?conferenceId=${later.conferenceId}`, ['CHAIR'], 'ELSEWHERE');
      expect(other.body.total).toBe(0);
      const [one] = (await get(`/deadlines?conferenceId=${later.conferenceId}`)).body.items;
      expect((await get(`/deadlines/${one.id}`)).body).toMatchObject({ id: one.id, kind: one.kind });
      const hidden = await get(`/deadlines/${one.id}`, ['CHAIR'], 'ELSEWHERE');
      expect(hidden.status).toBe(404);
      expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('refuses unknown fields and bad values with problem+json naming the field', async () => {
      const unknown = await get('/deadlines?colour=red');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'is not a known field' }]);
      for (const query of ['status=LATE', 'kind=R-NOPE', 'dueBefore=tomorrow', 'pageSize=500', 'conferenceId=42']) {
        const response = await get(`/deadlines?${query}`);
        expect(response.status).toBe(400);
        expect(response.body.errors[0].field).toBe(query.split('=')[0]);
      }
    });

    it('needs a bearer token and a staff role', async () => {
      expect((await harness.http().get('/api/v1/deadlines')).status).toBe(401);
      expect((await get('/deadlines', ['PARENT'])).status).toBe(403);
      expect((await get('/deadlines', ['SYSTEM'])).status).toBe(403); // a council system needs the deadlines:read scope
      expect(
        (
          await harness
            .http()
            .get('/api/v1/deadlines')
            .set(bearer(['SYSTEM'], { la: harness.la, scope: 'deadlines:read' }))
        ).status,
      ).toBe(200);
    });
  });

  it('GET /deadlines/summary counts by status and kind, lists what falls due in the next hours and what was breached today', async () => {
    const response = await get('/deadlines/summary?withinHours=100');
    expect(response.status).toBe(200);
    const summary = response.body;
    expect(summary.byStatus.PENDING + summary.byStatus.BREACHED).toBe(20);
    expect(summary.byKind['R-PREP-3']).toEqual({ PENDING: 1, BREACHED: 1 });
    expect(summary.fallingDue.count).toBe(summary.byStatus.PENDING);
    expect(summary.breachedToday.count).toBeGreaterThanOrEqual(2);
    expect(summary.breachedToday.items.every((d: { status: string }) => d.status === 'BREACHED')).toBe(true);
    const narrow = (await get('/deadlines/summary?withinHours=1')).body;
    expect(narrow.fallingDue.count).toBeLessThan(summary.fallingDue.count);
    expect((await get('/deadlines/summary', ['SOCIAL_WORKER'])).status).toBe(403);
  });

  it('GET /calendar/working-days adds England and Wales working days (R-TIME)', async () => {
    const christmas = await get('/calendar/working-days?from=2026-12-23&add=5', ['CHAIR']);
    expect(christmas.body).toEqual({
      from: '2026-12-23',
      add: 5,
      date: '2027-01-04',
      endOfDay: '2027-01-04T23:59:59.000Z',
      region: 'england-and-wales',
    });
    expect((await get('/calendar/working-days?from=2027-03-31&add=-2', ['CHAIR'])).body.date).toBe('2027-03-25');
    expect((await get('/calendar/working-days?from=23/12/2026&add=5', ['CHAIR'])).status).toBe(400);
    expect((await get('/calendar/working-days?from=2026-12-23', ['CHAIR'])).status).toBe(400);
  });

  describe('GET /policy and overrides', () => {
    it('shows the policy in force: every kind with its anchor, offset, option, reminders, alert and what satisfies it', async () => {
      const response = await get('/policy', ['CHAIR']);
      expect(response.status).toBe(200);
      expect(response.body.rules).toHaveLength(18);
      expect(response.body.rules.find((r: { kind: string }) => r.kind === 'R-PREP-3')).toMatchObject({
        anchor: 'START',
        offset: { basis: 'BEFORE', duration: 'PT24H' },
        options: ['FULL', 'THREE_PART'],
        alert: ['CHAIR', 'TEAM_MANAGER'],
        satisfiedBy: [
          { event: 'PreparationStepCompleted', step: 'R-PREP-3' },
          { event: 'ReportSubmitted', reportKind: 'POLICE' },
        ],
        overridden: false,
      });
    });

    it('lets a service manager override a kind for their authority only, refuses what does not fit, and goes back to the default', async () => {
      const manager = harness.as(['LOCALITY_SERVICE_MANAGER']);
      const put = await harness
        .http()
        .put('/api/v1/policy/R-POST-3')
        .set(manager)
        .send({ offset: { basis: 'END_OF_WORKING_DAY', workingDays: 3 }, alert: ['TEAM_MANAGER'] });
      expect(put.status).toBe(200);
      expect(put.body.rules.find((r: { kind: string }) => r.kind === 'R-POST-3')).toMatchObject({
        offset: { basis: 'END_OF_WORKING_DAY', workingDays: 3 },
        overridden: true,
      });
      const elsewhere = await get('/policy', ['CHAIR'], 'ELSEWHERE');
      expect(elsewhere.body.rules.find((r: { kind: string }) => r.kind === 'R-POST-3').overridden).toBe(false);

      const misfit = await harness
        .http()
        .put('/api/v1/policy/R-NOTDAY')
        .set(manager)
        .send({ offset: { basis: 'BEFORE', duration: 'PT2H' } });
      expect(misfit.status).toBe(422);
      const badDuration = await harness
        .http()
        .put('/api/v1/policy/R-PREP-3')
        .set(manager)
        .send({ offset: { basis: 'BEFORE', duration: 'P1M' } });
      expect(badDuration.status).toBe(422);
      const unknownField = await harness.http().put('/api/v1/policy/R-PREP-3').set(manager).send({ colour: 'red' });
      expect(unknownField.status).toBe(400);
      expect((await harness.http().put('/api/v1/policy/R-NOPE').set(manager).send({ enabled: false })).status).toBe(404);
      expect(
        (
          await harness
            .http()
            .put('/api/v1/policy/R-PREP-3')
            .set(harness.as(['CHAIR']))
            .send({ enabled: false })
        ).status,
      ).toBe(403);

      const reset = await harness.http().delete('/api/v1/policy/R-POST-3').set(manager);
      expect(reset.body.rules.find((r: { kind: string }) => r.kind === 'R-POST-3').overridden).toBe(false);
    });
  });

  describe('Bull Board at /admin/queues (a platform-operations tool)', () => {
    it('answers a browser without a token with a problem+json 401 that says what to send', async () => {
      const anonymous = await harness.http().get('/admin/queues').set({ Accept: 'text/html' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="cpc"');
      expect(JSON.parse(anonymous.text)).toMatchObject({
        type: '/problems/unauthenticated',
        status: 401,
        detail:
          'The Bull Board is a platform-operations tool: send a bearer token of a PLATFORM_OPERATOR from the identity provider in the Authorization header.',
      });
      expect((await harness.http().get('/admin/queues').set({ Authorization: 'Bearer forged' })).status).toBe(401);
    });

    it('answers only a PLATFORM_OPERATOR, of any local authority; every other role and SYSTEM with ops:read get a problem+json 403', async () => {
      for (const la of [harness.la, 'ELSEWHERE']) {
        const operator = await harness
          .http()
          .get('/admin/queues/api/queues')
          .set(harness.as(['PLATFORM_OPERATOR'], la));
        expect(operator.status).toBe(200);
        expect(JSON.stringify(operator.body)).toContain('deadline-wake-ups');
      }
      expect(
        (
          await harness
            .http()
            .get('/admin/queues')
            .set(harness.as(['PLATFORM_OPERATOR']))
        ).status,
      ).toBe(200);
      const others = Roles.filter((role) => role !== 'PLATFORM_OPERATOR');
      const answers = await Promise.all(
        others.map(async (role) => {
          const response = await harness
            .http()
            .get('/admin/queues/api/queues')
            .set(bearer([role], { la: harness.la, scope: 'ops:read' }));
          return { role, status: response.status, type: response.headers['content-type'], detail: JSON.parse(response.text).detail };
        }),
      );
      expect(answers).toEqual(
        others.map((role) => ({
          role,
          status: 403,
          type: expect.stringMatching(/application\/problem\+json/),
          detail: 'The Bull Board is for PLATFORM_OPERATOR only.',
        })),
      );
    });
  });

  it('GET /metrics has deadlines by status and kind, the firing lag histogram and rebuild counts; readiness checks Redis', async () => {
    const metrics = (await harness.http().get('/metrics')).text;
    expect(metrics).toMatch(/scheduling_deadlines\{status="PENDING",kind="R-PREP-3"[^}]*\} \d+/);
    expect(metrics).toContain('# TYPE scheduling_firing_lag_seconds histogram');
    expect(metrics).toMatch(/scheduling_rebuilds_total\{trigger="start",outcome="done"[^}]*\} 1/);
    const ready = await harness.http().get('/health/ready');
    expect(ready.body.checks).toMatchObject({ postgres: 'up', kafka: 'up', redis: 'up' });
  });

  it('documents every endpoint in OpenAPI, with its query parameters', () => {
    const paths = harness.service.openApi.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/deadlines',
        '/api/v1/deadlines/summary',
        '/api/v1/deadlines/{id}',
        '/api/v1/calendar/working-days',
        '/api/v1/policy',
        '/api/v1/policy/{kind}',
      ]),
    );
    const names = (path: string) => (paths[path].get?.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    expect(names('/api/v1/deadlines')).toEqual(
      expect.arrayContaining(['conferenceId', 'status', 'kind', 'dueBefore', 'dueAfter', 'page', 'pageSize']),
    );
    expect(names('/api/v1/calendar/working-days')).toEqual(['from', 'add']);
  });
});
