import { DEFAULT_RULES } from './default-policy';
import { elapsedMillis } from './elapsed-duration';
import { applyOverride, overrideProblems, policyInForce } from './policy-override';
import { kindsSatisfiedBy } from './satisfaction';
import { wakeUpId, wakeUpsOf } from './wake-up';

const rule = (kind: string) => DEFAULT_RULES.find((r) => r.kind === kind)!;

describe('policy overrides of a local authority', () => {
  it('shows which kinds are overridden and leaves the rest at the defaults', () => {
    const policy = policyInForce('LBHF', new Map([['R-PREP-7', { offset: { basis: 'BEFORE' as const, duration: 'PT45M' } }]]));
    expect(policy.overridden).toEqual(['R-PREP-7']);
    expect(policy.rules.find((r) => r.kind === 'R-PREP-7')?.offset).toEqual({ basis: 'BEFORE', duration: 'PT45M' });
    expect(policy.rules.find((r) => r.kind === 'R-PREP-3')).toEqual(rule('R-PREP-3'));
  });

  it('refuses durations that are not elapsed time, and time-of-day offsets on a date anchor', () => {
    expect(overrideProblems(rule('R-PREP-3'), { offset: { basis: 'BEFORE', duration: 'P1M' } })[0]).toMatch(/not an ISO 8601 duration/);
    expect(overrideProblems(rule('R-NOTDAY'), { offset: { basis: 'BEFORE', duration: 'PT1H' } })[0]).toMatch(/conference date/);
    expect(overrideProblems(rule('R-POST-3'), { offset: { basis: 'END_OF_WORKING_DAY', workingDays: -1 } })[0]).toMatch(/workingDays/);
    expect(overrideProblems(rule('R-PREP-9'), { reminders: [{ before: 'PT1H', remind: ['CHAIR'], option: 'FULL' }] })[0]).toMatch(
      /does not apply/,
    );
    expect(
      overrideProblems(rule('R-POST-3'), { offset: { basis: 'END_OF_WORKING_DAY', workingDays: 10 }, alert: ['TEAM_MANAGER'] }),
    ).toEqual([]);
  });

  it('takes enabled only as a boolean: a stored null changes nothing (found by the 10,000-request fuzz)', () => {
    for (const rule of DEFAULT_RULES) {
      expect(applyOverride(rule, { enabled: null as unknown as boolean }).enabled).toBe(rule.enabled);
      expect(applyOverride(rule, { enabled: false }).enabled).toBe(false);
    }
  });

  it('ignores a stored override that no longer fits, rather than placing deadlines wrongly', () => {
    const policy = policyInForce('LBHF', new Map([['R-NOTDAY', { offset: { basis: 'BEFORE' as const, duration: 'PT1H' } }]]));
    expect(policy.overridden).toEqual([]);
  });
});

describe('elapsed durations (R-TIME)', () => {
  it.each([
    ['PT24H', 86_400_000],
    ['PT30M', 1_800_000],
    ['P2D', 172_800_000],
    ['P1W', 604_800_000],
    ['PT1.5S', 1500],
    ['PT0S', 0],
  ])('%s is %i ms', (duration, millis) => expect(elapsedMillis(duration)).toBe(millis));

  it.each(['P1M', 'P1Y', 'PT', 'P', '24h', '-PT1H'])('%s is refused', (duration) => expect(elapsedMillis(duration)).toBeUndefined());
});

describe('what satisfies a deadline', () => {
  const at = new Date();
  it.each([
    [{ event: 'PreparationStepCompleted' as const, step: 'R-PREP-7', at }, ['R-PREP-7']],
    [{ event: 'ReportSubmitted' as const, reportKind: 'POLICE' as const, at }, ['R-PREP-3']],
    [{ event: 'ReportShared' as const, reportKind: 'POLICE' as const, audience: 'FAMILY' as const, at }, ['R-PREP-4']],
    [{ event: 'ReportShared' as const, reportKind: 'SOCIAL_WORK' as const, audience: 'FAMILY' as const, at }, ['R-NOTDAY']],
    [{ event: 'ReportShared' as const, reportKind: 'AGENCY' as const, audience: 'PROFESSIONALS' as const, at }, ['R-PREP-10']],
    [{ event: 'PlanCirculated' as const, at }, ['R-POST-3', 'R-CONT-CIRCULATE']],
    [{ event: 'DebriefHeld' as const, at }, ['R-POST-1', 'R-CONT-MEET-PARENTS']],
    [{ event: 'ReportSubmitted' as const, reportKind: 'AGENCY' as const, at }, []],
  ])('%j satisfies %j', (evidence, kinds) => expect(kindsSatisfiedBy(DEFAULT_RULES, evidence)).toEqual(kinds));

  it('every kind is satisfied by recording the step under its own rule id', () => {
    for (const r of DEFAULT_RULES)
      expect(kindsSatisfiedBy(DEFAULT_RULES, { event: 'PreparationStepCompleted', step: r.kind, at })).toEqual([r.kind]);
  });
});

describe('wake-up ids', () => {
  it('are versioned and hold no ":" (BullMQ key separator)', () => {
    const id = wakeUpId('6a1e0c7e-8f5b-4c59-9d7e-1b1f0f1d2c3a', 3, 'reminder', 1);
    expect(id).toBe('dl-6a1e0c7e-8f5b-4c59-9d7e-1b1f0f1d2c3a-v3-r1');
    expect(id).not.toContain(':');
    expect(wakeUpId('x', 4, 'due')).not.toBe(wakeUpId('x', 3, 'due'));
  });

  it('exist only for a pending deadline: its due time and each reminder still planned', () => {
    const dueAt = new Date('2026-12-01T10:00:00Z');
    const reminders = [
      { at: new Date('2026-11-30T10:00:00Z'), remind: ['CHAIR' as const], state: 'SENT' as const, sentAt: new Date() },
      { at: new Date('2026-12-01T09:00:00Z'), remind: ['CHAIR' as const], state: 'PLANNED' as const, sentAt: null },
    ];
    expect(wakeUpsOf({ id: 'x', version: 2, status: 'PENDING', dueAt, reminders }).map((w) => w.id)).toEqual(['dl-x-v2-due', 'dl-x-v2-r1']);
    expect(wakeUpsOf({ id: 'x', version: 2, status: 'MET', dueAt, reminders })).toEqual([]);
  });
});
