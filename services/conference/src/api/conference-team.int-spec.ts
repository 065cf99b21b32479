import { ConferenceHarness } from '../../test/conference-harness';

// Issue 14 "Teams": a conference belongs to a locality team, given when it is scheduled and changeable.
jest.setTimeout(60_000);

describe('conference API: teams', () => {
  let h: ConferenceHarness;

  beforeAll(async () => {
    h = await ConferenceHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('carries the team in the answer and in ConferenceScheduled, and a change in ConferenceTeamChanged', async () => {
    const scheduled = await h.schedule({ team: 'North locality' });
    expect((await h.get(`/conferences/${scheduled.id}`)).body.team).toBe('North locality');
    expect((await h.event('ConferenceScheduled', scheduled.id)).json.data.team).toBe('North locality');

    const changed = await h.post(`/conferences/${scheduled.id}/team`, { team: 'South locality' }, ['CLERK']);
    expect(changed.status).toBe(200);
    expect(changed.body.team).toBe('South locality');
    const event = await h.event('ConferenceTeamChanged', scheduled.id);
    expect(event.json.data).toEqual({ conferenceId: scheduled.id, team: 'South locality', previousTeam: 'North locality' });

    const cleared = await h.post(`/conferences/${scheduled.id}/team`, { team: null });
    expect(cleared.body.team).toBeNull();
    expect((await h.event('ConferenceTeamChanged', scheduled.id, 2)).json.data).toEqual({
      conferenceId: scheduled.id,
      previousTeam: 'South locality',
    });
  });

  it('schedules without a team as before (no team field in the event)', async () => {
    const scheduled = await h.schedule();
    expect((await h.get(`/conferences/${scheduled.id}`)).body.team).toBeNull();
    expect((await h.event('ConferenceScheduled', scheduled.id)).json.data).not.toHaveProperty('team');
  });

  it.each([
    ['a control character', 'North\u0007'],
    ['a line break', 'North\nSouth'],
    ['leading spaces', '  North'],
    ['too long a name', 'x'.repeat(61)],
    ['a number', 42],
  ])('refuses %s as a team with a 400 naming team', async (_, team) => {
    const schedule = await h.post('/conferences', {
      kind: 'ICPC',
      localAuthority: h.la,
      children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      scheduledStart: new Date(Date.now() + 72 * 3600_000).toISOString(),
      durationMinutes: 90,
      team,
    });
    expect(schedule.status).toBe(400);
    expect(schedule.body.errors.map((e: { field: string }) => e.field)).toContain('team');
    const { id } = await h.schedule();
    const change = await h.post(`/conferences/${id}/team`, { team });
    expect(change.status).toBe(400);
    expect(change.body.errors.map((e: { field: string }) => e.field)).toContain('team');
    expect((await h.post(`/conferences/${id}/team`, {})).status).toBe(400);
  });
});
