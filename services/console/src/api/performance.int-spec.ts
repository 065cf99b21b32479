import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, queryService, waitFor } from '../../../../test/support';
import { EventPublisher, startConsole } from '../../test/console-harness';

// Issue 14 "Performance": the figures from real events through Kafka into the read model, per local
// authority and team, as a page, CSV and JSON. Each run has local authorities of its own, so the
// figures are this suite's alone.
describe('console Performance', () => {
  let publisher: EventPublisher;
  let service: Awaited<ReturnType<typeof startConsole>>;
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const la = `PERF${suffix}`;
  const other = `PERFX${suffix}`;
  const manager = bearer(['SAFEGUARDING_SERVICE_MANAGER'], { la });
  const period = 'from=2026-09-01&to=2026-11-30';
  const conferences: string[] = [];

  /**
   * One conference: scheduled (with its team, its strategy discussion when given, and the warnings the
   * conference service would give), optionally moved (ConferenceRescheduled), held, its deadlines and failed messages.
   */
  function story(
    localAuthority: string,
    kind: 'ICPC' | 'RCPC',
    team: string,
    warnings: string[],
    heldAt: string,
    moves: { strategyDiscussionAt?: string; scheduledStart?: string; rescheduleWarnings?: string[] } = {},
  ) {
    const conferenceId = randomUUID();
    conferences.push(conferenceId);
    const e = (type: any, data: object, at: string) =>
      publisher.envelope(type, conferenceId, localAuthority, { conferenceId, ...data }, new Date(at));
    const deadline = (kind: string, dueAt: string, status: string) => ({
      deadlineId: randomUUID(),
      kind,
      description: kind,
      dueAt,
      version: 1,
      status,
      conferenceStart: heldAt,
      responsible: ['CHAIR'],
    });
    const scheduled = e(
      'ConferenceScheduled',
      {
        kind,
        localAuthority,
        team,
        scheduledStart: moves.scheduledStart ?? heldAt,
        durationMinutes: 90,
        participationOption: 'FULL',
        children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
        ...(moves.strategyDiscussionAt ? { strategyDiscussionAt: moves.strategyDiscussionAt } : {}),
        warnings,
      },
      '2026-08-20T09:00:00Z',
    );
    const events = [scheduled];
    if (moves.scheduledStart) {
      const reschedule = {
        previousStart: moves.scheduledStart,
        scheduledStart: heldAt,
        reason: 'Chair unwell',
        warnings: moves.rescheduleWarnings,
      };
      events.push(e('ConferenceRescheduled', reschedule, '2026-09-25T09:00:00Z'));
    }
    events.push(e('ConferenceStarted', { status: 'IN_PROGRESS', previousStatus: 'SCHEDULED', at: heldAt }, heldAt));
    return { conferenceId, e, deadline, events };
  }

  const failed = (s: ReturnType<typeof story>, channel: string, at: string) =>
    s.e(
      'NotificationFailed',
      {
        notificationId: randomUUID(),
        template: 'PLAN_DELIVERY',
        channel,
        recipientMasked: 'p***@f***.example',
        attempts: 3,
        at,
        reason: 'mailbox unavailable',
        failure: 'PERMANENT',
      },
      at,
    );

  beforeAll(async () => {
    publisher = await new EventPublisher().start();
    service = await startConsole();
    // R-CYCLE-ICPC is judged from the facts: the strategy discussion's London date and the ICPC's held date.
    // North: an ICPC in time (Mon 21 Sep + 15 working days = Mon 12 Oct), its plan circulated in time, an SMS
    // that failed; an RCPC late.
    const a = story(la, 'ICPC', 'North', [], '2026-10-05T09:00:00Z', { strategyDiscussionAt: '2026-09-21T14:00:00+01:00' });
    const met = a.deadline('R-POST-3', '2026-10-12T22:59:59Z', 'PENDING');
    a.events.push(
      a.e('DeadlineScheduled', met, '2026-10-05T12:00:00Z'),
      a.e('DeadlineMet', { ...met, status: 'MET', version: 2, metAt: '2026-10-08T10:00:00Z' }, '2026-10-08T10:00:00Z'),
      failed(a, 'SMS', '2026-10-06T10:00:00Z'),
    );
    const c = story(la, 'RCPC', 'North', ['RCPC_AFTER_3_MONTHS'], '2026-11-02T10:00:00Z');
    // South: an ICPC scheduled in time (Mon 14 Sep + 15 = Mon 5 Oct) for Fri 2 Oct, moved to Wed 14 Oct and held
    // then: late; its plan breached, a police report breached, an email failed. And an ICPC scheduled without a
    // strategy discussion date: not known, never on time.
    const b = story(la, 'ICPC', 'South', [], '2026-10-14T09:00:00Z', {
      strategyDiscussionAt: '2026-09-14T10:00:00+01:00',
      scheduledStart: '2026-10-02T09:00:00Z',
      rescheduleWarnings: ['ICPC_AFTER_15_WORKING_DAYS'],
    });
    const unknown = story(la, 'ICPC', 'South', [], '2026-10-20T09:00:00Z');
    const late = b.deadline('R-POST-3', '2026-10-21T22:59:59Z', 'PENDING');
    const police = b.deadline('R-PREP-3', '2026-10-13T09:00:00Z', 'PENDING');
    b.events.push(
      b.e('DeadlineScheduled', late, '2026-10-14T12:00:00Z'),
      b.e('DeadlineScheduled', police, '2026-10-01T12:00:00Z'),
      b.e(
        'DeadlineBreached',
        { ...police, status: 'BREACHED', version: 2, breachedAt: '2026-10-13T09:00:01Z', alert: ['CHAIR'] },
        '2026-10-13T09:00:01Z',
      ),
      b.e(
        'DeadlineBreached',
        { ...late, status: 'BREACHED', version: 2, breachedAt: '2026-10-21T23:00:00Z', alert: ['CHAIR'] },
        '2026-10-21T23:00:00Z',
      ),
      failed(b, 'EMAIL', '2026-10-15T10:00:00Z'),
    );
    // Another local authority, with the same team name: never counted.
    const d = story(other, 'ICPC', 'North', ['ICPC_AFTER_15_WORKING_DAYS'], '2026-10-05T09:00:00Z', {
      strategyDiscussionAt: '2026-09-01T10:00:00+01:00',
    });
    const theirs = d.deadline('R-POST-3', '2026-10-12T22:59:59Z', 'PENDING');
    d.events.push(
      d.e('DeadlineScheduled', theirs, '2026-10-05T12:00:00Z'),
      d.e(
        'DeadlineBreached',
        { ...theirs, status: 'BREACHED', version: 2, breachedAt: '2026-10-12T23:00:00Z', alert: ['CHAIR'] },
        '2026-10-12T23:00:00Z',
      ),
      failed(d, 'SMS', '2026-10-06T10:00:00Z'),
    );
    await publisher.send(...a.events, ...b.events, ...c.events, ...d.events, ...unknown.events);
    await waitFor(async () => {
      const rows = await queryService(
        'console',
        `SELECT (SELECT count(*)::int FROM console_timeline WHERE conference_id = ANY($1)) AS lines,
                (SELECT count(*)::int FROM console_notifications WHERE conference_id = ANY($1)) AS failures`,
        [conferences],
      );
      return rows[0].lines === 22 && rows[0].failures === 3;
    }, 30000);
  }, 60000);
  afterAll(async () => {
    await service?.close();
    await publisher?.stop();
  });

  it('GET /api/v1/performance counts the own local authority only', async () => {
    const { body } = await request(service.url).get(`/api/v1/performance?${period}`).set(manager).expect(200);
    expect(body.period).toMatchObject({ from: '2026-09-01', to: '2026-11-30' });
    expect(body.figures.icpcWithin15WorkingDays).toEqual({ onTime: 1, late: 1, notKnown: 1, total: 3, percent: 50 });
    expect(body.figures.rcpcOnTime).toEqual({ onTime: 0, late: 1, notKnown: 0, total: 1, percent: 0 });
    expect(body.figures.plansCirculatedWithin5WorkingDays).toEqual({ onTime: 1, late: 1, notKnown: 0, total: 2, percent: 50 });
    expect(body.figures.breachesPerRulePerWeek.totals).toEqual({ 'R-POST-3': 1, 'R-PREP-3': 1 });
    expect(body.figures.failedDeliveriesPerWeek.totals).toEqual({ EMAIL: 1, SMS: 1 });
    expect(body.choices.teams).toEqual(['North', 'South']);
  });

  it('cuts the figures by team', async () => {
    const { body } = await request(service.url).get(`/api/v1/performance?${period}&team=North`).set(manager).expect(200);
    expect(body.figures.icpcWithin15WorkingDays).toEqual({ onTime: 1, late: 0, notKnown: 0, total: 1, percent: 100 });
    expect(body.figures.rcpcOnTime.total).toBe(1);
    expect(body.figures.plansCirculatedWithin5WorkingDays).toEqual({ onTime: 1, late: 0, notKnown: 0, total: 1, percent: 100 });
    expect(body.figures.breachesPerRulePerWeek.total).toBe(0);
    expect(body.figures.failedDeliveriesPerWeek.totals).toEqual({ SMS: 1 });
  });

  it('R-CYCLE-ICPC: the read model keeps the strategy discussion, and the page says how one without it counts', async () => {
    const rows = await queryService('console', `SELECT id, strategy_discussion_at FROM console_conferences WHERE id = ANY($1)`, [
      conferences,
    ]);
    const known = rows.filter((r: any) => r.strategy_discussion_at).map((r: any) => new Date(r.strategy_discussion_at).toISOString());
    expect(known.sort()).toEqual(['2026-09-01T09:00:00.000Z', '2026-09-14T09:00:00.000Z', '2026-09-21T13:00:00.000Z']);
    const page = await request(service.url).get(`/performance?${period}&team=South`).set(manager).expect(200);
    expect(page.text).toContain('Not known');
    expect(page.text).toContain('cannot be judged');
  });

  it('the page shows each table with its CSV link, and the chart script under the nonce', async () => {
    const page = await request(service.url).get(`/performance?${period}`).set(manager).expect(200).expect('content-type', /html/);
    for (const name of ['timeliness', 'breaches', 'failed-deliveries']) {
      expect(page.text).toContain(`id="table-${name}"`);
      expect(page.text).toContain(`/performance/${name}.csv?from=2026-09-01&amp;to=2026-11-30`);
    }
    expect(page.text).toContain('2026-W43 (from 2026-10-19)');
    const nonce = /'nonce-([^']+)'/.exec(page.headers['content-security-policy'])![1];
    expect(page.text).toContain(`<script src="/assets/chart.js/chart.umd.min.js" nonce="${nonce}">`);
    await request(service.url)
      .get('/assets/chart.js/chart.umd.min.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await request(service.url).get('/assets/console/performance.js').expect(200);
  });

  it('each CSV has the table the page shows, for the same period and team', async () => {
    const csv = await request(service.url).get(`/performance/timeliness.csv?${period}&team=South`).set(manager).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`timeliness-${la}-South-2026-09-01-to-2026-11-30.csv`);
    const rows: string[][] = parse(csv.text, { bom: true });
    expect(rows[0]).toEqual(['Measure', 'Per cent on time', 'On time', 'Late', 'Not known', 'Total']);
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([
      ['0', '0', '1', '1', '2'],
      ['None held', '0', '0', '0', '0'],
      ['0', '0', '1', '0', '1'],
    ]);
    const breaches: string[][] = parse(
      (await request(service.url).get(`/performance/breaches.csv?${period}`).set(manager).expect(200)).text,
      {
        bom: true,
      },
    );
    expect(breaches[0]).toEqual(['Week', 'R-POST-3', 'R-PREP-3', 'All rules']);
    expect(breaches.find((r) => r[0].startsWith('2026-W42'))).toEqual(['2026-W42 (from 2026-10-12)', '0', '1', '1']);
    expect(breaches.at(-1)).toEqual(['Total', '1', '1', '2']);
    const failures: string[][] = parse(
      (await request(service.url).get(`/performance/failed-deliveries.csv?${period}`).set(manager).expect(200)).text,
      { bom: true },
    );
    expect(failures.at(-1)).toEqual(['Total', '1', '1', '2']);
  });

  it('refuses a bad period or table with a 400 naming the field, and a role without the figures with a 403', async () => {
    const api = await request(service.url).get('/api/v1/performance?from=2026-02-30').set(manager).expect(400);
    expect(api.body.errors[0].field).toBe('from');
    const page = await request(service.url).get('/performance?from=2026-05-01&to=2026-04-01').set(manager).expect(400);
    expect(page.text).toContain('govuk-error-summary');
    await request(service.url).get('/performance/secrets.csv').set(manager).expect(400);
    await request(service.url)
      .get('/performance')
      .set(bearer(['SOCIAL_WORKER'], { la }))
      .expect(403);
  });

  it('the other local authority sees its own figures only', async () => {
    const { body } = await request(service.url)
      .get(`/api/v1/performance?${period}`)
      .set(bearer(['TEAM_MANAGER'], { la: other }))
      .expect(200);
    expect(body.figures.icpcWithin15WorkingDays).toEqual({ onTime: 0, late: 1, notKnown: 0, total: 1, percent: 0 });
    expect(body.figures.plansCirculatedWithin5WorkingDays).toEqual({ onTime: 0, late: 1, notKnown: 0, total: 1, percent: 0 });
    expect(body.figures.failedDeliveriesPerWeek.total).toBe(1);
  });
});
