import { STEP_RECORDERS, type PreparationStep } from '../domain/preparation-steps';
import { ConferenceHarness } from '../../test/conference-harness';

// End-to-end style walks through the two options of the sources (seed 000 "Option 1" / "Option 2"),
// asserting the stored state and the full timeline of events on conference.events.
jest.setTimeout(60_000);
const DAY = 24 * 3600_000;

describe('conference walkthroughs', () => {
  let h: ConferenceHarness;
  beforeAll(async () => {
    h = await ConferenceHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const ok = async (response: Promise<{ status: number; body: any }>) => {
    const r = await response;
    if (r.status >= 300) throw new Error(`${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  it('an ICPC through Option 1 (FULL): preparation, pause/resume, outcome with increased risk, debrief', async () => {
    const created = await h.schedule({ strategyDiscussionAt: new Date(Date.now() - 2 * DAY).toISOString() });
    expect(created.warnings).toEqual([]);
    const id = created.id;
    const parent = await ok(
      h.post(
        `/conferences/${id}/participants`,
        { role: 'PARENT', firstName: 'Jo', lastName: 'Stone', email: 'jo@example.org', mobile: '07911 234567' },
        ['SOCIAL_WORKER'],
      ),
    );
    const parentId = parent.participants[0].participantId;
    await ok(
      h.post(`/conferences/${id}/participants`, { role: 'CHILD', firstName: 'Amy', lastName: 'Stone', invited: false }, ['SOCIAL_WORKER']),
    );
    await ok(h.post(`/conferences/${id}/participants/${parentId}/contact-confirmation`));
    for (const step of [
      'R-PREP-1',
      'R-PREP-2',
      'R-PREP-3',
      'R-PREP-4',
      'R-PREP-5',
      'R-PREP-6',
      'R-PREP-7',
      'R-PREP-8',
      'R-PREP-10',
      'R-PREP-11',
      'R-NOREC',
    ]) {
      // Each step by the person whose work it is (DOMAIN.md "who").
      await ok(h.post(`/conferences/${id}/preparation/${step}`, {}, [STEP_RECORDERS[step as PreparationStep][0]]));
    }
    await ok(h.post(`/conferences/${id}/preparation/R-ROOM`, { notes: 'Mother alone; aunt in the next room' }));
    await ok(h.post(`/conferences/${id}/start`));
    await ok(h.post(`/conferences/${id}/pause`, { reason: 'Raised voices; time to calm down' }));
    await ok(h.post(`/conferences/${id}/resume`, { reason: 'Calm again' }));
    const concluded = await ok(
      h.post(`/conferences/${id}/conclude`, {
        decision: 'Child protection plan: neglect',
        planSummary: 'Weekly visits',
        increasedRisk: true,
      }),
    );
    expect(concluded).toMatchObject({ status: 'CONCLUDED', outcome: { increasedRisk: true, concludedBy: 'user-chair' } });
    const debrief = { heldAt: new Date().toISOString(), understood: true, viewsHeard: true, safetyPlanConfirmed: true };
    await ok(h.post(`/conferences/${id}/debrief`, debrief, ['SOCIAL_WORKER']));
    expect((await h.post(`/conferences/${id}/debrief`, debrief, ['SOCIAL_WORKER'])).status).toBe(409);

    expect((await h.event('RiskEscalated', id)).json.data.conferenceId).toBe(id);
    await h.event('DebriefHeld', id);
    // R-POST-3: documents circulates the plan; the conference follows, then the chair closes it.
    await h.publishPlanCirculated(id);
    await h.event('ConferenceCirculated', id);
    await ok(h.post(`/conferences/${id}/close`));
    await h.event('ConferenceClosed', id);
    const timeline = (await h.get(`/conferences/${id}/timeline`)).body.items.map((e: { type: string }) => e.type);
    expect(timeline).toEqual([
      'ConferenceScheduled',
      'ParticipantAdded',
      'ParticipantAdded',
      'ParticipantUpdated',
      ...Array(12).fill('PreparationStepCompleted'),
      'ConferenceStarted',
      'ConferencePaused',
      'ConferenceResumed',
      'ConferenceConcluded',
      'RiskEscalated',
      'DebriefHeld',
      'ConferenceCirculated',
      'ConferenceClosed',
    ]);
    const onKafka = h.probe.forConference(id).map((m) => m.json.type);
    expect(onKafka).toEqual(timeline);
    const row = await h.row(id);
    expect(row).toMatchObject({ status: 'CLOSED', pause_reason: null });
    expect(row.participants[1]).toMatchObject({ role: 'CHILD', invited: false, advocateReferral: true });
  });

  it('an RCPC through Option 2 (THREE_PART): the chair meets the parents first, no FULL-only steps', async () => {
    const icpc = await h.schedule({}, 24 * 2);
    const created = await h.schedule(
      { kind: 'RCPC', previousConferenceId: icpc.id, participationOption: 'THREE_PART', optionRationale: 'Domestic abuse: parents apart' },
      24 * 30,
    );
    expect(created.warnings).toEqual([]);
    const id = created.id;
    expect((await h.post(`/conferences/${id}/preparation/R-PREP-7`)).status).toBe(422);
    for (const step of ['R-PREP-1', 'R-PREP-5', 'R-PREP-9', 'R-PREP-10', 'R-PREP-11'] as const)
      await ok(h.post(`/conferences/${id}/preparation/${step}`, {}, [STEP_RECORDERS[step][0]]));
    await ok(h.post(`/conferences/${id}/start`));
    await ok(
      h.post(`/conferences/${id}/conclude`, {
        decision: 'Plan continues',
        planSummary: 'Same plan',
        increasedRisk: false,
        sensitiveCase: true,
      }),
    );
    await ok(
      h.post(
        `/conferences/${id}/debrief`,
        { heldAt: new Date().toISOString(), understood: true, viewsHeard: true, safetyPlanConfirmed: true },
        ['CHAIR'],
      ),
    );
    const concluded = await h.event('ConferenceConcluded', id);
    expect(concluded.json.data).toMatchObject({ increasedRisk: false, sensitiveCase: true });
    await h.event('DebriefHeld', id);
    expect(h.probe.ofType('RiskEscalated', id)).toHaveLength(0);
    const timeline = (await h.get(`/conferences/${id}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({ type: 'ConferenceScheduled', data: { participationOption: 'THREE_PART' } });
    expect(
      timeline.filter((e: { type: string }) => e.type === 'PreparationStepCompleted').map((e: { data: { step: string } }) => e.data.step),
    ).toEqual(['R-PREP-1', 'R-PREP-5', 'R-PREP-9', 'R-PREP-10', 'R-PREP-11']);
  });
});
