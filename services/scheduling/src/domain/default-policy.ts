import type { Role } from '@cpc/contracts';
import type { DeadlineRule, Satisfier } from './deadline-policy';

// DOMAIN.md "Timings the system enforces": a passed, unmet deadline alerts the chair and the team manager.
const ALERT: Role[] = ['CHAIR', 'TEAM_MANAGER'];
const BOTH = ['FULL', 'THREE_PART'] as DeadlineRule['options'];
const step = (kind: string): Satisfier => ({ event: 'PreparationStepCompleted', step: kind });

/**
 * The sources' defaults. Every timing is a policy setting (DOMAIN.md); reminder times are policy
 * where the sources are silent: a day ahead for steps that take arranging, an hour or less for
 * steps on the day. Every kind is also satisfied by recording the step under its own rule id.
 */
export const DEFAULT_RULES: readonly DeadlineRule[] = [
  {
    kind: 'R-PREP-2',
    description: 'SW meets the family and shares the SW report, before the day of the conference',
    phase: 'PREPARATION', anchor: 'CONFERENCE_DATE', offset: { basis: 'START_OF_DAY' }, options: BOTH,
    responsible: ['SOCIAL_WORKER'], reminders: [{ before: 'P2D', remind: ['SOCIAL_WORKER'] }, { before: 'P1D', remind: ['SOCIAL_WORKER'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-2')], enabled: true,
  },
  {
    kind: 'R-PREP-3',
    description: 'Police report reaches the SW, 24 hours before the start',
    phase: 'PREPARATION', anchor: 'START', offset: { basis: 'BEFORE', duration: 'PT24H' }, options: BOTH,
    responsible: ['PROFESSIONAL'], reminders: [{ before: 'P1D', remind: ['PROFESSIONAL', 'SOCIAL_WORKER'] }, { before: 'PT4H', remind: ['PROFESSIONAL', 'SOCIAL_WORKER'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-3'), { event: 'ReportSubmitted', reportKind: 'POLICE' }], enabled: true,
  },
  {
    kind: 'R-PREP-4',
    description: 'SW shares the OPEN police information with the family, before the day of the conference',
    phase: 'PREPARATION', anchor: 'CONFERENCE_DATE', offset: { basis: 'START_OF_DAY' }, options: BOTH,
    responsible: ['SOCIAL_WORKER'], reminders: [{ before: 'PT12H', remind: ['SOCIAL_WORKER'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-4'), { event: 'ReportShared', reportKind: 'POLICE', audience: 'FAMILY' }], enabled: true,
  },
  {
    kind: 'R-PREP-5',
    description: 'SW risk assessment of who is invited, agreed by the chair, before the conference',
    phase: 'PREPARATION', anchor: 'START', offset: { basis: 'BEFORE', duration: 'PT0S' }, options: BOTH,
    responsible: ['SOCIAL_WORKER', 'CHAIR'], reminders: [{ before: 'P2D', remind: ['SOCIAL_WORKER', 'CHAIR'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-5')], enabled: true,
  },
  {
    kind: 'R-PREP-6',
    description: 'Preparation work with the parents, 24 hours before the start',
    phase: 'PREPARATION', anchor: 'START', offset: { basis: 'BEFORE', duration: 'PT24H' }, options: ['FULL'],
    responsible: ['SOCIAL_WORKER', 'CHAIR'], reminders: [{ before: 'P1D', remind: ['SOCIAL_WORKER', 'CHAIR'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-6')], enabled: true,
  },
  {
    kind: 'R-PREP-7',
    description: "Chair's pre-meeting with the parents, at least 30 minutes before the start",
    phase: 'PREPARATION', anchor: 'START', offset: { basis: 'BEFORE', duration: 'PT30M' }, options: ['FULL'],
    responsible: ['CHAIR'], reminders: [{ before: 'PT30M', remind: ['CHAIR'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-7')], enabled: true,
  },
  {
    kind: 'R-PREP-8',
    description: 'Confidential professionals-only slot, before the start',
    phase: 'PREPARATION', anchor: 'START', offset: { basis: 'BEFORE', duration: 'PT0S' }, options: ['FULL'],
    responsible: ['CHAIR', 'PROFESSIONAL'], reminders: [{ before: 'PT1H', remind: ['CHAIR', 'PROFESSIONAL'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-8')], enabled: true,
  },
  {
    kind: 'R-PREP-9',
    description: "Chair's meeting with the parents before the professionals' meeting, before the start",
    phase: 'PREPARATION', anchor: 'START', offset: { basis: 'BEFORE', duration: 'PT0S' }, options: ['THREE_PART'],
    responsible: ['CHAIR'], reminders: [{ before: 'PT1H', remind: ['CHAIR'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-9')], enabled: true,
  },
  {
    kind: 'R-PREP-10',
    description: "Professionals' reports to the SW, the chair and the other professionals, before the day",
    phase: 'PREPARATION', anchor: 'CONFERENCE_DATE', offset: { basis: 'START_OF_DAY' }, options: BOTH,
    responsible: ['PROFESSIONAL'], reminders: [{ before: 'P2D', remind: ['PROFESSIONAL'] }, { before: 'P1D', remind: ['PROFESSIONAL'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-10'), { event: 'ReportShared', reportKind: 'AGENCY', audience: 'PROFESSIONALS' }], enabled: true,
  },
  {
    kind: 'R-PREP-11',
    description: 'Agree with the family how the outcome is sent (password-protected email, password by SMS), before the start',
    phase: 'PREPARATION', anchor: 'START', offset: { basis: 'BEFORE', duration: 'PT0S' }, options: BOTH,
    responsible: ['CHAIR'], reminders: [{ before: 'PT1H', remind: ['CHAIR'] }],
    alert: ALERT, satisfiedBy: [step('R-PREP-11')], enabled: true,
  },
  {
    kind: 'R-NOTDAY',
    description: 'The family has the SW report before the day of the conference, not on the day',
    phase: 'PREPARATION', anchor: 'CONFERENCE_DATE', offset: { basis: 'START_OF_DAY' }, options: BOTH,
    responsible: ['SOCIAL_WORKER'], reminders: [{ before: 'P1D', remind: ['SOCIAL_WORKER'] }],
    alert: ALERT, satisfiedBy: [step('R-NOTDAY'), { event: 'ReportShared', reportKind: 'SOCIAL_WORK', audience: 'FAMILY' }], enabled: true,
  },
  {
    kind: 'R-POST-1',
    description: 'SW debrief with the parents: understood, views heard, safety plan confirmed (2 working days)',
    phase: 'AFTER_CONFERENCE', anchor: 'CONCLUSION', offset: { basis: 'END_OF_WORKING_DAY', workingDays: 2 }, options: BOTH,
    responsible: ['SOCIAL_WORKER'],
    // R-POST-1: the chair joins the debrief in a THREE_PART conference.
    reminders: [{ before: 'P1D', remind: ['SOCIAL_WORKER'] }, { before: 'P1D', remind: ['CHAIR'], option: 'THREE_PART' }],
    alert: ALERT, satisfiedBy: [step('R-POST-1'), { event: 'DebriefHeld' }], enabled: true,
  },
  {
    kind: 'R-POST-3',
    description: 'Plan, decision analysis and outcome circulated by secure email, within 5 working days',
    phase: 'AFTER_CONFERENCE', anchor: 'CONCLUSION', offset: { basis: 'END_OF_WORKING_DAY', workingDays: 5 }, options: BOTH,
    responsible: ['CHAIR', 'CLERK'], reminders: [{ before: 'P2D', remind: ['CHAIR', 'CLERK'] }],
    alert: ALERT, satisfiedBy: [step('R-POST-3'), { event: 'PlanCirculated' }], enabled: true,
  },
  // R-CONT: each contingency task is tracked. The sources give no timings: policy defaults below.
  {
    kind: 'R-CONT-DISCUSS',
    description: 'Contingency: SW and chair discuss the case (for an RCPC, progress and new risks), the same day',
    phase: 'CONTINGENCY', anchor: 'CONTINGENCY', offset: { basis: 'END_OF_WORKING_DAY', workingDays: 0 }, options: BOTH,
    responsible: ['SOCIAL_WORKER', 'CHAIR'], reminders: [{ before: 'PT4H', remind: ['SOCIAL_WORKER', 'CHAIR'] }],
    alert: ALERT, satisfiedBy: [step('R-CONT-DISCUSS')], enabled: true,
  },
  {
    kind: 'R-CONT-CALL-PROFESSIONALS',
    description: 'Contingency: the chair phones the key professionals, the same day',
    phase: 'CONTINGENCY', anchor: 'CONTINGENCY', offset: { basis: 'END_OF_WORKING_DAY', workingDays: 0 }, options: BOTH,
    responsible: ['CHAIR'], reminders: [{ before: 'PT4H', remind: ['CHAIR'] }],
    alert: ALERT, satisfiedBy: [step('R-CONT-CALL-PROFESSIONALS')], enabled: true,
  },
  {
    kind: 'R-CONT-SAFETY-PLAN',
    description: 'Contingency: SW and chair create or update the safety plan, the clerk taking notes (1 working day)',
    phase: 'CONTINGENCY', anchor: 'CONTINGENCY', offset: { basis: 'END_OF_WORKING_DAY', workingDays: 1 }, options: BOTH,
    responsible: ['SOCIAL_WORKER', 'CHAIR', 'CLERK'], reminders: [{ before: 'PT12H', remind: ['SOCIAL_WORKER', 'CHAIR', 'CLERK'] }],
    alert: ALERT, satisfiedBy: [step('R-CONT-SAFETY-PLAN')], enabled: true,
  },
  {
    kind: 'R-CONT-MEET-PARENTS',
    description: 'Contingency: the SW meets the parents (2 working days)',
    phase: 'CONTINGENCY', anchor: 'CONTINGENCY', offset: { basis: 'END_OF_WORKING_DAY', workingDays: 2 }, options: BOTH,
    responsible: ['SOCIAL_WORKER'], reminders: [{ before: 'P1D', remind: ['SOCIAL_WORKER'] }],
    alert: ALERT, satisfiedBy: [step('R-CONT-MEET-PARENTS'), { event: 'DebriefHeld' }], enabled: true,
  },
  {
    kind: 'R-CONT-CIRCULATE',
    description: 'Contingency: the plan circulated as after a conference (5 working days, R-POST-3)',
    phase: 'CONTINGENCY', anchor: 'CONTINGENCY', offset: { basis: 'END_OF_WORKING_DAY', workingDays: 5 }, options: BOTH,
    responsible: ['CHAIR', 'CLERK'], reminders: [{ before: 'P2D', remind: ['CHAIR', 'CLERK'] }],
    alert: ALERT, satisfiedBy: [step('R-CONT-CIRCULATE'), { event: 'PlanCirculated' }], enabled: true,
  },
];

export const DEADLINE_KINDS: readonly string[] = DEFAULT_RULES.map((rule) => rule.kind);
