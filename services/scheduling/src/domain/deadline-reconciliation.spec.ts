import type { ConferenceTiming } from './conference-timing';
import type { Deadline, DeadlineChange } from './deadline';
import { reconcileDeadlines } from './deadline-reconciliation';
import { EnglandAndWalesCalendar } from './england-and-wales-calendar';
import { policyInForce, type PolicyOverride } from './policy-override';

const calendar = new EnglandAndWalesCalendar();
let ids = 0;

function conference(overrides: Partial<ConferenceTiming> = {}): ConferenceTiming {
  return {
    conferenceId: '00000000-0000-4000-8000-000000000001',
    localAuthority: 'LBHF',
    scheduledStart: new Date('2026-12-01T10:00:00Z'),
    participationOption: 'FULL',
    stage: 'SCHEDULED',
    concludedAt: null,
    contingencyAt: null,
    contingencyTasks: [],
    ...overrides,
  };
}

function reconcile(
  c: ConferenceTiming,
  existing: Deadline[],
  now: Date,
  options: { overrides?: Map<string, PolicyOverride>; satisfied?: Map<string, Date> } = {},
): DeadlineChange[] {
  return reconcileDeadlines({
    conference: c,
    policy: policyInForce(c.localAuthority, options.overrides ?? new Map()),
    existing,
    satisfied: options.satisfied ?? new Map(),
    calendar,
    now,
    newId: () => `d-${++ids}`,
    trigger: 'test',
  });
}

const NOW = new Date('2026-11-20T12:00:00Z');
const kindsOf = (changes: DeadlineChange[]) => changes.map((c) => c.deadline.kind).sort();
const byKind = (changes: DeadlineChange[]) => new Map(changes.map((c) => [c.deadline.kind, c]));

describe('deadline lifecycle of a conference', () => {
  it('ConferenceScheduled (FULL): every preparation deadline of the option is created PENDING', () => {
    const changes = reconcile(conference(), [], NOW);
    expect(kindsOf(changes)).toEqual([
      'R-NOTDAY',
      'R-PREP-10',
      'R-PREP-11',
      'R-PREP-2',
      'R-PREP-3',
      'R-PREP-4',
      'R-PREP-5',
      'R-PREP-6',
      'R-PREP-7',
      'R-PREP-8',
    ]);
    expect(changes.every((c) => c.deadline.status === 'PENDING')).toBe(true);
  });

  it('issue 4: scheduled 31 minutes ahead, the 24-hour and before-the-day deadlines are breached at once, R-PREP-7 is pending', () => {
    const now = new Date('2026-12-01T09:29:00Z');
    const changes = byKind(reconcile(conference(), [], now));
    for (const kind of ['R-PREP-3', 'R-PREP-6', 'R-PREP-2', 'R-PREP-4', 'R-PREP-10', 'R-NOTDAY']) {
      expect(changes.get(kind)?.deadline.status).toBe('BREACHED');
    }
    expect(changes.get('R-PREP-7')?.deadline).toMatchObject({ status: 'PENDING', dueAt: new Date('2026-12-01T09:30:00Z') });
  });

  it('is idempotent: reconciling the same conference again changes nothing', () => {
    const first = reconcile(conference(), [], NOW).map((c) => c.deadline);
    expect(reconcile(conference(), first, NOW)).toEqual([]);
  });

  it('ConferenceRescheduled moves every pending deadline to a new version', () => {
    const first = reconcile(conference(), [], NOW).map((c) => c.deadline);
    const moved = reconcile(conference({ scheduledStart: new Date('2026-12-08T10:00:00Z') }), first, NOW);
    expect(moved).toHaveLength(first.length);
    expect(moved.every((c) => c.deadline.version === 2 && c.occurrences[0].type === 'DeadlineMoved')).toBe(true);
    expect(byKind(moved).get('R-PREP-3')?.deadline.dueAt).toEqual(new Date('2026-12-07T10:00:00Z'));
  });

  it('ConferencePostponed stands every pending deadline down; a new date opens them again', () => {
    const first = reconcile(conference(), [], NOW).map((c) => c.deadline);
    const stoodDown = reconcile(conference({ stage: 'POSTPONED' }), first, NOW);
    expect(
      stoodDown.every((c) => c.deadline.status === 'STOOD_DOWN' && c.deadline.statusReason === 'conference postponed (R-POSTPONE)'),
    ).toBe(true);
    const reopened = reconcile(
      conference({ scheduledStart: new Date('2026-12-15T10:00:00Z') }),
      stoodDown.map((c) => c.deadline),
      NOW,
    );
    expect(reopened.every((c) => c.deadline.status === 'PENDING' && c.deadline.version === 2)).toBe(true);
  });

  it('R-OPT: changing to THREE_PART stands down R-PREP-6/7/8 and creates R-PREP-9', () => {
    const first = reconcile(conference(), [], NOW).map((c) => c.deadline);
    const changes = byKind(reconcile(conference({ participationOption: 'THREE_PART' }), first, NOW));
    expect([...changes.keys()].sort()).toEqual(['R-PREP-6', 'R-PREP-7', 'R-PREP-8', 'R-PREP-9']);
    expect(changes.get('R-PREP-9')?.deadline.status).toBe('PENDING');
    expect(changes.get('R-PREP-7')?.deadline.status).toBe('STOOD_DOWN');
  });

  it('ConferenceConcluded adds R-POST-1 and R-POST-3, leaving the preparation outcomes as they are', () => {
    const first = reconcile(conference(), [], NOW).map((c) => c.deadline);
    const concluded = reconcile(conference({ stage: 'CONCLUDED', concludedAt: new Date('2026-12-01T11:30:00Z') }), first, NOW);
    expect(kindsOf(concluded)).toEqual(['R-POST-1', 'R-POST-3']);
  });

  it('R-CONT: a contingency stands the preparation down and tracks each task', () => {
    const first = reconcile(conference(), [], NOW).map((c) => c.deadline);
    const changes = reconcile(conference({ stage: 'CONTINGENCY', contingencyAt: NOW }), first, NOW);
    expect(changes.filter((c) => c.deadline.status === 'STOOD_DOWN')).toHaveLength(first.length);
    expect(
      changes
        .filter((c) => c.deadline.status === 'PENDING')
        .map((c) => c.deadline.kind)
        .sort(),
    ).toEqual(['R-CONT-CALL-PROFESSIONALS', 'R-CONT-CIRCULATE', 'R-CONT-DISCUSS', 'R-CONT-MEET-PARENTS', 'R-CONT-SAFETY-PLAN']);
  });

  it('a step recorded before its deadline existed makes it MET on creation (documents and conference topics are not ordered)', () => {
    const changes = byKind(reconcile(conference(), [], NOW, { satisfied: new Map([['R-PREP-3', new Date('2026-11-19T12:00:00Z')]]) }));
    expect(changes.get('R-PREP-3')?.deadline.status).toBe('MET');
  });

  it("a local authority's override places its deadlines, and a kind switched off is not created", () => {
    const overrides = new Map<string, PolicyOverride>([
      ['R-PREP-3', { offset: { basis: 'BEFORE', duration: 'PT48H' } }],
      ['R-PREP-11', { enabled: false }],
    ]);
    const changes = byKind(reconcile(conference(), [], NOW, { overrides }));
    expect(changes.get('R-PREP-3')?.deadline.dueAt).toEqual(new Date('2026-11-29T10:00:00Z'));
    expect(changes.has('R-PREP-11')).toBe(false);
  });
});
