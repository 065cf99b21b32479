import { Problem, type Principal } from '@cpc/http';
import { conferenceProblemOf } from '../api/conference-errors';
import type { ConferenceRecord } from '../infrastructure/conference.entity';
import * as change from './conference-changes';
import { PreparationSteps, STEP_RECORDERS } from '../domain/preparation-steps';
import { Roles } from '@cpc/contracts';

const NOW = new Date('2026-11-23T10:00:00Z');
const as = (...roles: Principal['roles']): Principal => ({ sub: `u-${roles.join('-')}`, name: 'x', roles, la: 'LBHF', scopes: [] });

/** The problem document a refused change produces at the edge (the service's one mapper): its type, detail and field errors say why. */
function refusal(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    const problem = conferenceProblemOf(error);
    if (problem instanceof Problem) return JSON.stringify(problem.toDocument('/test'));
    throw error;
  }
  throw new Error('was not refused');
}

function conference(overrides: Partial<ConferenceRecord> = {}): ConferenceRecord {
  return {
    id: '3b0c8f2e-8c1e-4a58-9d35-6c1f0f7c1a01',
    kind: 'ICPC',
    status: 'SCHEDULED',
    participationOption: 'FULL',
    optionRationale: null,
    optionChairAgreed: false,
    scheduledStart: new Date('2026-11-30T10:00:00Z'),
    participants: [],
    preparation: [],
    postponement: null,
    contingency: null,
    pauseReason: null,
    outcome: null,
    debrief: null,
    ...overrides,
  } as ConferenceRecord;
}

describe('R-POSTPONE: both service managers approve', () => {
  it('postpones only after the second, different manager role', () => {
    const c = conference();
    expect(
      change
        .requestPostponement('report missing', as('SOCIAL_WORKER'))(c, NOW)
        .map((e) => e.type),
    ).toEqual(['PostponementRequested']);
    expect(change.approvePostponement(as('SAFEGUARDING_SERVICE_MANAGER'))(c, NOW)).toEqual([]);
    expect(c.status).toBe('SCHEDULED');
    expect(refusal(() => change.approvePostponement(as('SAFEGUARDING_SERVICE_MANAGER'))(c, NOW))).toMatch(/Already approved/);
    expect(
      change
        .approvePostponement(as('LOCALITY_SERVICE_MANAGER'))(c, NOW)
        .map((e) => e.type),
    ).toEqual(['ConferencePostponed']);
    expect(c.status).toBe('POSTPONED');
  });
  it('one person holding both roles still gives two approvals, one per role', () => {
    const c = conference();
    change.requestPostponement('r', as('CHAIR'))(c, NOW);
    const both = as('SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER');
    change.approvePostponement(both)(c, NOW);
    change.approvePostponement(both)(c, NOW);
    expect(c.status).toBe('POSTPONED');
  });
});

describe('R-OUT / R-ESC: conclusion', () => {
  it('escalates increased risk to the team manager', () => {
    const c = conference({ status: 'IN_PROGRESS' });
    const events = change.concludeConference({ decision: 'plan', planSummary: 's', increasedRisk: true }, as('CHAIR'))(c, NOW);
    expect(events.map((e) => e.type)).toEqual(['ConferenceConcluded', 'RiskEscalated']);
    expect(c.outcome).toMatchObject({ increasedRisk: true, concludedBy: 'u-CHAIR' });
  });
  it('no escalation without increased risk', () => {
    const events = change.concludeConference({ decision: 'plan', planSummary: 's', increasedRisk: false }, as('CHAIR'))(
      conference({ status: 'PAUSED' }),
      NOW,
    );
    expect(events.map((e) => e.type)).toEqual(['ConferenceConcluded']);
  });
});

describe('R-PREP: steps', () => {
  it('refuses an option-specific step for the other option', () => {
    expect(() =>
      change.recordPreparationStep('R-PREP-7', {}, as('CHAIR'))(conference({ participationOption: 'THREE_PART' }), NOW),
    ).toThrow();
    expect(refusal(() => change.recordPreparationStep('R-PREP-9', {}, as('CHAIR'))(conference(), NOW))).toMatch(/step-not-for-option/);
  });
  it('R-PREP-5 needs the chair; R-ROOM needs notes; a step is recorded once', () => {
    const c = conference();
    expect(refusal(() => change.recordPreparationStep('R-PREP-5', {}, as('SOCIAL_WORKER'))(c, NOW))).toMatch(/step-not-yours/i);
    // Issue 12 item 5: the SW cannot record the chair's agreement by sending a flag; only the chair's own call does.
    expect(refusal(() => change.recordPreparationStep('R-PREP-5', { chairAgreed: true }, as('SOCIAL_WORKER'))(c, NOW))).toMatch(/403/);
    change.recordPreparationStep('R-PREP-5', {}, as('CHAIR'))(c, NOW);
    expect(c.preparation[0]).toMatchObject({ step: 'R-PREP-5', chairAgreed: true, completedBy: 'u-CHAIR' });
    expect(refusal(() => change.recordPreparationStep('R-PREP-5', { chairAgreed: true }, as('CHAIR'))(c, NOW))).toMatch(/already/);
    expect(refusal(() => change.recordPreparationStep('R-ROOM', {}, as('CHAIR'))(c, NOW))).toMatch(/room/);
  });
});

describe('who records each step (DOMAIN.md "who"; issue 12 item 5)', () => {
  it.each(PreparationSteps.flatMap((step) => Roles.map((role) => [step, role] as const)))(
    '%s by %s: allowed exactly when the step is theirs',
    (step, role) => {
      const c = conference({ participationOption: step === 'R-PREP-9' ? 'THREE_PART' : 'FULL' });
      const attempt = () => change.recordPreparationStep(step, { notes: 'who was in the room: the mother only' }, as(role))(c, NOW);
      if (STEP_RECORDERS[step].includes(role)) {
        attempt();
        expect(c.preparation.map((p) => p.step)).toEqual([step]);
      } else {
        expect(refusal(attempt)).toMatch(/step-not-yours/);
        expect(c.preparation).toEqual([]);
      }
    },
  );
});

describe('R-OPT-2: changing the option', () => {
  it('THREE_PART needs the chair and a rationale, and no FULL-only steps recorded', () => {
    const c = conference();
    expect(refusal(() => change.changeParticipationOption('THREE_PART', 'why', false, as('SOCIAL_WORKER'))(c, NOW))).toMatch(/chair/);
    expect(refusal(() => change.changeParticipationOption('THREE_PART', 'why', true, as('SOCIAL_WORKER'))(c, NOW))).toMatch(
      /chair-agreement-not-yours/,
    );
    expect(refusal(() => change.changeParticipationOption('THREE_PART', undefined, false, as('CHAIR'))(c, NOW))).toMatch(/rationale/);
    change.recordPreparationStep('R-PREP-7', {}, as('CHAIR'))(c, NOW);
    expect(refusal(() => change.changeParticipationOption('THREE_PART', 'why', false, as('CHAIR'))(c, NOW))).toMatch(/R-PREP-7/);
  });
});

describe('R-PAUSE and R-CONT', () => {
  it('pause keeps the reason until resumed', () => {
    const c = conference({ status: 'IN_PROGRESS' });
    change.pauseConference('unsafe')(c, NOW);
    expect(c).toMatchObject({ status: 'PAUSED', pauseReason: 'unsafe' });
    change.resumeConference('calm')(c, NOW);
    expect(c).toMatchObject({ status: 'IN_PROGRESS', pauseReason: null });
  });
  it('contingency tracks the five tasks; an RCPC reviews progress and new risks', () => {
    expect(change.contingencyTasks('ICPC')).toHaveLength(5);
    expect(change.contingencyTasks('RCPC')[0]).toMatch(/progress and new risks/);
  });
});
