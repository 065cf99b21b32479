import type { ParticipationOption } from '@cpc/contracts';
import { applicableRules, type ConferenceTiming } from './conference-timing';
import type { DeadlinePolicy } from './deadline-policy';
import { dueAtOf, remindersOf, scheduleOf } from './deadline-schedule';
import { DEFAULT_RULES } from './default-policy';
import { EnglandAndWalesCalendar } from './england-and-wales-calendar';
import { policyInForce } from './policy-override';

const calendar = new EnglandAndWalesCalendar();
const defaults: DeadlinePolicy = policyInForce('LBHF', new Map());
const rule = (kind: string) => DEFAULT_RULES.find((r) => r.kind === kind)!;

function conference(overrides: Partial<ConferenceTiming> = {}): ConferenceTiming {
  return {
    conferenceId: '00000000-0000-4000-8000-000000000001',
    localAuthority: 'LBHF',
    scheduledStart: new Date('2026-12-01T10:00:00Z'), // Tuesday, GMT
    participationOption: 'FULL',
    stage: 'SCHEDULED',
    concludedAt: null,
    contingencyAt: null,
    contingencyTasks: [],
    ...overrides,
  };
}

describe('deadline policy evaluation: every kind and option (DOMAIN.md "Timings the system enforces")', () => {
  const preparation: [string, ParticipationOption[], string][] = [
    ['R-PREP-2', ['FULL', 'THREE_PART'], '2026-12-01T00:00:00.000Z'], // before the day (R-NOTDAY)
    ['R-PREP-3', ['FULL', 'THREE_PART'], '2026-11-30T10:00:00.000Z'], // 24 hours before start
    ['R-PREP-4', ['FULL', 'THREE_PART'], '2026-12-01T00:00:00.000Z'],
    ['R-PREP-5', ['FULL', 'THREE_PART'], '2026-12-01T10:00:00.000Z'], // before the conference
    ['R-PREP-6', ['FULL'], '2026-11-30T10:00:00.000Z'],
    ['R-PREP-7', ['FULL'], '2026-12-01T09:30:00.000Z'], // at least 30 minutes before start
    ['R-PREP-8', ['FULL'], '2026-12-01T10:00:00.000Z'],
    ['R-PREP-9', ['THREE_PART'], '2026-12-01T10:00:00.000Z'],
    ['R-PREP-10', ['FULL', 'THREE_PART'], '2026-12-01T00:00:00.000Z'],
    ['R-PREP-11', ['FULL', 'THREE_PART'], '2026-12-01T10:00:00.000Z'],
    ['R-NOTDAY', ['FULL', 'THREE_PART'], '2026-12-01T00:00:00.000Z'],
  ];

  it.each(preparation)('%s applies to %j and falls due at %s for a 10:00 GMT start', (kind, options, due) => {
    for (const option of ['FULL', 'THREE_PART'] as const) {
      const c = conference({ participationOption: option });
      const applies = applicableRules(c, defaults).some((r) => r.kind === kind);
      expect(applies).toBe(options.includes(option));
      if (applies) expect(dueAtOf(rule(kind), c, calendar).toISOString()).toBe(due);
    }
  });

  it.each([
    ['R-POST-1', '2026-12-03T23:59:59.000Z'], // 2 working days after Tue 1 Dec
    ['R-POST-3', '2026-12-08T23:59:59.000Z'], // 5 working days: Wed, Thu, Fri, Mon, Tue
  ])('%s starts at the conclusion and falls due at %s, for both options', (kind, due) => {
    for (const option of ['FULL', 'THREE_PART'] as const) {
      const c = conference({ participationOption: option, stage: 'CONCLUDED', concludedAt: new Date('2026-12-01T11:30:00Z') });
      expect(applicableRules(c, defaults).map((r) => r.kind)).toContain(kind);
      expect(dueAtOf(rule(kind), c, calendar).toISOString()).toBe(due);
    }
  });

  it.each([
    ['R-CONT-DISCUSS', '2026-12-01T23:59:59.000Z'],
    ['R-CONT-CALL-PROFESSIONALS', '2026-12-01T23:59:59.000Z'],
    ['R-CONT-SAFETY-PLAN', '2026-12-02T23:59:59.000Z'],
    ['R-CONT-MEET-PARENTS', '2026-12-03T23:59:59.000Z'],
    ['R-CONT-CIRCULATE', '2026-12-08T23:59:59.000Z'],
  ])('contingency task %s (R-CONT) falls due at %s, for both options', (kind, due) => {
    for (const option of ['FULL', 'THREE_PART'] as const) {
      const c = conference({ participationOption: option, stage: 'CONTINGENCY', contingencyAt: new Date('2026-12-01T09:00:00Z') });
      expect(applicableRules(c, defaults).map((r) => r.kind)).toContain(kind);
      expect(dueAtOf(rule(kind), c, calendar).toISOString()).toBe(due);
    }
  });

  it('R-OPT: a FULL conference has the pre-meeting and professionals-only slot, a THREE_PART one the chair meeting parents first', () => {
    const full = applicableRules(conference(), defaults).map((r) => r.kind);
    const threePart = applicableRules(conference({ participationOption: 'THREE_PART' }), defaults).map((r) => r.kind);
    expect(full).toEqual(expect.arrayContaining(['R-PREP-6', 'R-PREP-7', 'R-PREP-8']));
    expect(full).not.toContain('R-PREP-9');
    expect(threePart).toContain('R-PREP-9');
    expect(threePart).not.toEqual(expect.arrayContaining(['R-PREP-6']));
    expect(threePart.filter((k) => ['R-PREP-6', 'R-PREP-7', 'R-PREP-8'].includes(k))).toEqual([]);
  });

  it('R-LIFE: a postponed or cancelled conference has no deadlines that apply; a contingency only its tasks', () => {
    expect(applicableRules(conference({ stage: 'POSTPONED' }), defaults)).toEqual([]);
    expect(applicableRules(conference({ stage: 'CANCELLED' }), defaults)).toEqual([]);
    const named = conference({ stage: 'CONTINGENCY', contingencyAt: new Date(), contingencyTasks: ['R-CONT-DISCUSS', 'R-CONT-CIRCULATE'] });
    expect(applicableRules(named, defaults).map((r) => r.kind)).toEqual(['R-CONT-DISCUSS', 'R-CONT-CIRCULATE']);
  });

  it('R-TIME: 24 hours before 10:00 reads 09:00 across the spring clock change', () => {
    // Sun 29 Mar 2026 10:00 BST = 09:00Z; 24 elapsed hours earlier is Sat 28 Mar 09:00Z = 09:00 GMT.
    const c = conference({ scheduledStart: new Date('2026-03-29T09:00:00Z') });
    const due = dueAtOf(rule('R-PREP-3'), c, calendar);
    expect(due.toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(due.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' })).toBe('09:00:00');
  });

  it('R-TIME: 24 hours before 10:00 reads 11:00 across the autumn clock change', () => {
    // Sun 25 Oct 2026 10:00 GMT = 10:00Z; 24 elapsed hours earlier is Sat 24 Oct 10:00Z = 11:00 BST.
    const c = conference({ scheduledStart: new Date('2026-10-25T10:00:00Z') });
    const due = dueAtOf(rule('R-PREP-6'), c, calendar);
    expect(due.toISOString()).toBe('2026-10-24T10:00:00.000Z');
    expect(due.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' })).toBe('11:00:00');
  });

  it('R-NOTDAY: "before the day" ends at 00:00 Europe/London, 23:00Z in summer', () => {
    const c = conference({ scheduledStart: new Date('2026-06-10T09:00:00Z') }); // 10:00 BST
    expect(dueAtOf(rule('R-NOTDAY'), c, calendar).toISOString()).toBe('2026-06-09T23:00:00.000Z');
  });

  it('R-POST-3 over Christmas: a conference on Wed 23 Dec 2026 circulates by Mon 4 Jan 2027 23:59:59', () => {
    const c = conference({
      scheduledStart: new Date('2026-12-23T10:00:00Z'),
      stage: 'CONCLUDED',
      concludedAt: new Date('2026-12-23T11:30:00Z'),
    });
    expect(dueAtOf(rule('R-POST-3'), c, calendar).toISOString()).toBe('2027-01-04T23:59:59.000Z');
  });

  it('R-POST-1 over Easter and the spring clock change: Thu 25 Mar 2027 debriefs by Wed 31 Mar 23:59:59 BST', () => {
    const c = conference({
      scheduledStart: new Date('2027-03-25T10:00:00Z'),
      stage: 'CONCLUDED',
      concludedAt: new Date('2027-03-25T11:00:00Z'),
    });
    expect(dueAtOf(rule('R-POST-1'), c, calendar).toISOString()).toBe('2027-03-31T22:59:59.000Z');
  });

  it('R-POST-1: the chair is reminded with the SW only in a THREE_PART conference', () => {
    const dueAt = new Date('2026-12-03T23:59:59Z');
    expect(remindersOf(rule('R-POST-1'), conference(), dueAt)).toEqual([
      { at: new Date('2026-12-02T23:59:59Z'), remind: ['SOCIAL_WORKER'] },
    ]);
    expect(remindersOf(rule('R-POST-1'), conference({ participationOption: 'THREE_PART' }), dueAt)).toEqual([
      { at: new Date('2026-12-02T23:59:59Z'), remind: ['SOCIAL_WORKER', 'CHAIR'] },
    ]);
  });

  it('places reminders before the due time, earliest first, and alerts the chair and team manager on breach', () => {
    const schedule = scheduleOf(rule('R-PREP-3'), conference(), calendar);
    expect(schedule.reminders.map((r) => r.at.toISOString())).toEqual(['2026-11-29T10:00:00.000Z', '2026-11-30T06:00:00.000Z']);
    expect(schedule.alert).toEqual(['CHAIR', 'TEAM_MANAGER']);
  });

  it('cannot place an after-conference deadline before the conclusion', () => {
    expect(() => dueAtOf(rule('R-POST-3'), conference(), calendar)).toThrow(/has not concluded/);
  });
});
