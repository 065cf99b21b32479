import request from 'supertest';
import { bearer, waitFor, queryService } from '../../../../test/support';
import { conferenceStory, EventPublisher, startConsole } from '../../test/console-harness';

// Issue 14 "Pages" and "Access": server-rendered GOV.UK pages and the JSON API, scoped to the user's local authority.
describe('console pages', () => {
  let publisher: EventPublisher;
  let service: Awaited<ReturnType<typeof startConsole>>;
  let a: ReturnType<typeof conferenceStory>;
  let b: ReturnType<typeof conferenceStory>;
  let review: ReturnType<typeof conferenceStory>;
  let mine: ReturnType<typeof conferenceStory>;
  let namesake: ReturnType<typeof conferenceStory>;
  const clerk = bearer(['CLERK'], { la: 'LBHF' });

  beforeAll(async () => {
    publisher = await new EventPublisher().start();
    service = await startConsole();
    a = conferenceStory(publisher, 'LBHF', { chair: 'Chris Chair', strategyDiscussionAt: '2026-11-30T10:15:00Z' });
    review = conferenceStory(publisher, 'LBHF', { chair: 'Robin Reviewer', kind: 'RCPC' });
    b = conferenceStory(publisher, 'OTHERLA', { chair: 'Olive Other' });
    // The test token's sub is `user-chair`: `mine` is chaired by that user; `namesake` by another chair of the same name.
    mine = conferenceStory(publisher, 'LBHF', { chair: 'Test CHAIR', chairUserId: 'user-chair' });
    namesake = conferenceStory(publisher, 'LBHF', { chair: 'Test CHAIR', chairUserId: 'another-chair' });
    await publisher.send(...a.events, ...review.events, ...b.events, ...mine.events, ...namesake.events);
    await waitFor(async () => {
      const rows = await queryService('console', `SELECT count(*)::int AS n FROM console_notifications WHERE conference_id = ANY($1)`, [
        [a.conferenceId, review.conferenceId, b.conferenceId, mine.conferenceId, namesake.conferenceId],
      ]);
      return rows[0].n === 5;
    }, 30000);
  }, 60000);
  afterAll(async () => {
    await service?.close();
    await publisher?.stop();
  });

  it('Today shows the own local authority only, with counts, rules in plain words and GOV.UK markup', async () => {
    const page = await request(service.url).get('/today').set(clerk).expect(200).expect('content-type', /html/);
    expect(page.text).toContain('govuk-template');
    expect(page.text).toContain('govuk-table');
    expect(page.text).toContain(`/conferences/${a.conferenceId}`);
    expect(page.text).toContain(`/conferences/${review.conferenceId}`);
    expect(page.text).not.toContain(b.conferenceId);
    expect(page.text).toContain('R-PREP-1');
    expect(page.text).toContain('Chair and social worker discuss the case');
    expect(page.text).toContain('Chair and social worker'); // who must act
    expect(page.text).toMatch(/\d+ hours? (\d+ minutes? )?late/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self' 'nonce-");
  });

  it('filters by kind and by chair as a GET form; a bad filter is a 400 naming the field', async () => {
    const reviews = await request(service.url).get('/today?kind=RCPC&team=&status=').set(clerk).expect(200);
    expect(reviews.text).toContain(review.conferenceId);
    expect(reviews.text).not.toContain(a.conferenceId);
    const chris = await request(service.url)
      .get(`/today?chair=${encodeURIComponent('Chris Chair')}`)
      .set(clerk)
      .expect(200);
    expect(chris.text).toContain(a.conferenceId);
    expect(chris.text).not.toContain(review.conferenceId);
    const bad = await request(service.url).get('/today?kind=XYZ').set(clerk).expect(400).expect('content-type', /html/);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('kind');
    const api = await request(service.url)
      .get('/api/v1/today?kind=XYZ')
      .set(clerk)
      .expect(400)
      .expect('content-type', /problem\+json/);
    expect(api.body.errors[0].field).toBe('kind');
  });

  it('the JSON API has the same scoping', async () => {
    const today = await request(service.url).get('/api/v1/today').set(clerk).expect(200);
    const all = [...today.body.lists.breached, ...today.body.lists.next24h, ...today.body.lists.thisWeek];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((item: any) => item.deadline.localAuthority === 'LBHF')).toBe(true);
    expect(today.body.counts.breached).toBeGreaterThanOrEqual(2);
    await request(service.url).get(`/api/v1/conferences/${b.conferenceId}`).set(clerk).expect(404);
    await request(service.url)
      .get(`/api/v1/conferences/${b.conferenceId}`)
      .set(bearer(['CLERK'], { la: 'OTHERLA' }))
      .expect(200);
  });

  it('a conference page shows status, masked participants and the whole timeline; another authority’s is not found', async () => {
    const page = await request(service.url).get(`/conferences/${a.conferenceId}`).set(clerk).expect(200);
    expect(page.text).toContain('moj-timeline');
    expect(page.text).toContain('p***@f***.example');
    expect(page.text).not.toContain('pat.stone@');
    expect(page.text).toContain('Deadline breached: R-PREP-1');
    expect(page.text).toContain('Plan circulated, not to everyone');
    // R-CYCLE-ICPC: an ICPC shows the strategy discussion its timescale runs from; one scheduled without it says so.
    expect(page.text).toMatch(/Strategy discussion[\s\S]*?Mon 30 Nov 2026, 10:15/);
    const without = await request(service.url).get(`/conferences/${mine.conferenceId}`).set(clerk).expect(200);
    expect(without.text).toContain('Not given (R-CYCLE-ICPC cannot be judged)');
    const rcpc = await request(service.url).get(`/conferences/${review.conferenceId}`).set(clerk).expect(200);
    expect(rcpc.text).not.toContain('Strategy discussion');
    const other = await request(service.url).get(`/conferences/${b.conferenceId}`).set(clerk).expect(404).expect('content-type', /html/);
    expect(other.text).not.toContain('Olive');
    await request(service.url).get('/conferences/not-a-uuid').set(clerk).expect(400);
  });

  it('Deliveries lists the held parent and the failed message to act on', async () => {
    const page = await request(service.url).get('/deliveries').set(clerk).expect(200);
    expect(page.text).toContain('Pat Stone');
    expect(page.text).toContain('contact not confirmed by the chair');
    expect(page.text).toContain('mailbox unavailable');
    expect(page.text).not.toContain(b.conferenceId);
  });

  it('signs in only staff: a browser without a session is sent to sign in, an API call gets a 401, a family role is refused (403)', async () => {
    const page = await request(service.url).get('/today?kind=ICPC').set('Accept', 'text/html').expect(302);
    expect(page.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent('/today?kind=ICPC')}`);
    await request(service.url)
      .get('/api/v1/today')
      .set('Accept', 'application/json')
      .expect(401)
      .expect('content-type', /problem\+json/);
    await request(service.url)
      .get('/today')
      .set(bearer(['PARENT']))
      .expect(403);
    // The development cookie of the first slice is gone: only the sign-in session (or, outside production, a bearer token) names a user.
    await request(service.url).get('/dev/sign-in?token=x').set('Accept', 'text/html').expect(302);
  });

  it('roles decide what is shown: Deliveries for a clerk and a manager, not for a chair; a chair sees the conferences they chair first', async () => {
    const chair = bearer(['CHAIR'], { la: 'LBHF' }); // sub `user-chair`, the chair of `mine`; named "Test CHAIR", as `namesake`'s chair is too
    const clerkToday = await request(service.url).get('/today').set(clerk).expect(200);
    expect(clerkToday.text).toContain('href="/deliveries"');
    await request(service.url)
      .get('/deliveries')
      .set(bearer(['TEAM_MANAGER'], { la: 'LBHF' }))
      .expect(200);
    const chairToday = await request(service.url).get('/today').set(chair).expect(200);
    expect(chairToday.text).not.toContain('href="/deliveries"');
    expect(chairToday.text).toContain(mine.conferenceId);
    expect(chairToday.text).not.toContain(a.conferenceId);
    // Matched by user id, not by name: another chair's conference with the same name is not "mine".
    expect(chairToday.text).not.toContain(namesake.conferenceId);
    expect(chairToday.text).toContain('Conferences I chair');
    const chairAll = await request(service.url).get('/today?mine=all').set(chair).expect(200);
    expect(chairAll.text).toContain(a.conferenceId);
    expect(chairAll.text).toContain(mine.conferenceId);
    expect(chairAll.text).toContain(namesake.conferenceId);
    await request(service.url).get('/deliveries').set(chair).expect(403).expect('content-type', /html/);
    await request(service.url)
      .get('/api/v1/deliveries')
      .set(chair)
      .expect(403)
      .expect('content-type', /problem\+json/);
    const clerkMine = await request(service.url).get('/api/v1/today?mine=yes').set(clerk).expect(200);
    expect(clerkMine.body.mine).toBe(true);
    await request(service.url).get('/api/v1/today?mine=maybe').set(clerk).expect(400);
  });

  it('serves the Design System assets from the installed packages', async () => {
    await request(service.url).get('/assets/govuk/govuk-frontend.min.css').expect(200).expect('content-type', /css/);
    await request(service.url).get('/assets/govuk/govuk-frontend.min.js').expect(200);
    await request(service.url).get('/assets/moj/moj-frontend.min.css').expect(200);
    await request(service.url).get('/assets/console/console.js').expect(200);
    await request(service.url).get('/assets/images/favicon.svg').expect(200);
  });
});
