import { DomainError, ServiceManagerRoles, type ParticipationOption, type Role } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { transition, type LifecycleAction } from '../domain/conference-lifecycle';
import {
  appliesTo,
  mayRecordStep,
  refuseAgreementByAnother,
  needsChairAgreement,
  needsNotes,
  optionOf,
  STEP_RECORDERS,
  type PreparationStep,
} from '../domain/preparation-steps';
import { timescaleWarnings } from '../domain/national-timescales';
import { ConferenceRecord, type OutcomeRecord } from '../infrastructure/conference.entity';
import type { ConferenceChange, PendingEvent } from './conference-workflow';

/** A status move with a ConferenceStatusChanged-shaped event (the catalogue's status events). */
function move(conference: ConferenceRecord, action: LifecycleAction, type: PendingEvent['type'], now: Date, reason?: string): PendingEvent {
  const previousStatus = conference.status;
  conference.status = transition(previousStatus, action);
  return {
    type,
    data: { conferenceId: conference.id, status: conference.status, previousStatus, at: now.toISOString(), ...(reason ? { reason } : {}) },
  };
}

export const startConference = (): ConferenceChange => (c, now) => [move(c, 'start', 'ConferenceStarted', now)];

// R-PAUSE: the chair pauses with a reason to calm an unsafe situation, and resumes.
export const pauseConference =
  (reason: string): ConferenceChange =>
  (c, now) => {
    const event = move(c, 'pause', 'ConferencePaused', now, reason);
    c.pauseReason = reason;
    return [event];
  };

export const resumeConference =
  (reason: string): ConferenceChange =>
  (c, now) => {
    const event = move(c, 'resume', 'ConferenceResumed', now, reason);
    c.pauseReason = null;
    return [event];
  };

export const closeConference = (): ConferenceChange => (c, now) => [move(c, 'close', 'ConferenceClosed', now)];

export const cancelConference =
  (reason: string): ConferenceChange =>
  (c, now) => [move(c, 'cancel', 'ConferenceCancelled', now, reason)];

export interface Outcome {
  decision: string;
  planSummary: string;
  decisionAnalysis?: string;
  increasedRisk: boolean;
  sensitiveCase?: boolean;
}

/** R-OUT: the outcome; R-ESC / R-POST-2: increased risk escalates to the team manager. */
export const concludeConference =
  (outcome: Outcome, caller: Principal): ConferenceChange =>
  (c, now) => {
    move(c, 'conclude', 'ConferenceConcluded', now);
    const record: OutcomeRecord = {
      decision: outcome.decision,
      planSummary: outcome.planSummary,
      decisionAnalysis: outcome.decisionAnalysis ?? null,
      increasedRisk: outcome.increasedRisk,
      sensitiveCase: outcome.sensitiveCase ?? false,
      concludedAt: now.toISOString(),
      concludedBy: caller.sub,
    };
    c.outcome = record;
    c.pauseReason = null;
    const concluded: PendingEvent = {
      type: 'ConferenceConcluded',
      data: {
        conferenceId: c.id,
        concludedAt: record.concludedAt,
        decision: record.decision,
        increasedRisk: record.increasedRisk,
        sensitiveCase: record.sensitiveCase,
      },
    };
    if (!record.increasedRisk) return [concluded];
    const escalation = { conferenceId: c.id, reason: `Increased risk recorded at conclusion: ${record.decision}`, at: record.concludedAt };
    return [concluded, { type: 'RiskEscalated', data: escalation }];
  };

/** A new start (also how a POSTPONED conference gets its new date); national timescales are re-checked (warn only). */
export const rescheduleConference =
  (scheduledStart: Date, reason: string): ConferenceChange =>
  async (c, now, reads) => {
    if (scheduledStart.getTime() <= now.getTime()) {
      throw DomainError.field('start-in-past', 'The conference cannot start in the past', 'scheduledStart', 'must be in the future');
    }
    const previousStart = c.scheduledStart.toISOString();
    c.status = transition(c.status, 'reschedule'); // POSTPONED → SCHEDULED once a new date is set
    c.scheduledStart = scheduledStart;
    c.postponement = null;
    const previous = c.previousConferenceId ? await reads.conference(c.previousConferenceId) : null;
    c.warnings = timescaleWarnings({ kind: c.kind, scheduledStart, strategyDiscussionAt: c.strategyDiscussionAt, previous });
    const data = { conferenceId: c.id, previousStart, scheduledStart: scheduledStart.toISOString(), reason, warnings: c.warnings };
    return [{ type: 'ConferenceRescheduled', data }];
  };

/** R-POSTPONE: a request with a rationale; it takes effect only when both managers approved. */
export const requestPostponement =
  (rationale: string, caller: Principal): ConferenceChange =>
  (c, now) => {
    transition(c.status, 'postpone'); // refuse early when postponing is not possible at all
    if (c.postponement)
      throw new DomainError('conflict', 'postponement-pending', 'A postponement is already requested', 'Approve it or reschedule.');
    c.postponement = { rationale, requestedBy: caller.sub, requestedAt: now.toISOString(), approvals: [] };
    const data = { conferenceId: c.id, status: c.status, reason: rationale, at: now.toISOString() };
    return [{ type: 'PostponementRequested', data }];
  };

const APPROVER_ROLES: readonly Role[] = ServiceManagerRoles;

export const approvePostponement =
  (caller: Principal): ConferenceChange =>
  (c, now) => {
    const postponement = c.postponement;
    if (!postponement)
      throw new DomainError('conflict', 'no-postponement', 'No postponement requested', 'Request a postponement first (R-POSTPONE).');
    const role = APPROVER_ROLES.find((r) => caller.roles.includes(r) && !postponement.approvals.some((a) => a.role === r));
    if (!role) {
      throw new DomainError(
        'conflict',
        'already-approved',
        'Already approved in your role',
        'The other service manager must approve (R-POSTPONE).',
      );
    }
    postponement.approvals = [...postponement.approvals, { role, by: caller.sub, at: now.toISOString() }];
    c.postponement = { ...postponement };
    if (postponement.approvals.length < APPROVER_ROLES.length) return [];
    return [move(c, 'postpone', 'ConferencePostponed', now, postponement.rationale)];
  };

/** R-CONT: each step of the contingency is a tracked task; an RCPC reviews progress and new risks. */
export function contingencyTasks(kind: ConferenceRecord['kind']): string[] {
  return [
    kind === 'RCPC' ? 'SW and chair discuss progress and new risks' : 'SW and chair discuss the case',
    'Chair phones key professionals',
    'SW and chair create or update the safety plan; clerk takes notes',
    'SW meets the parents',
    'Plan circulated as after a conference',
  ];
}

export const invokeContingency =
  (reason: string, caller: Principal): ConferenceChange =>
  (c, now) => {
    c.status = transition(c.status, 'invokeContingency');
    c.contingency = { reason, tasks: contingencyTasks(c.kind), at: now.toISOString(), by: caller.sub };
    return [{ type: 'ContingencyInvoked', data: { conferenceId: c.id, reason, tasks: c.contingency.tasks, at: c.contingency.at } }];
  };

export interface StepRecording {
  notes?: string;
  chairAgreed?: boolean;
  completedAt?: Date;
}

const PREPARING: readonly string[] = ['SCHEDULED', 'POSTPONED', 'IN_PROGRESS', 'PAUSED'];

/** R-PREP-1, R-PREP-2, R-PREP-3, R-PREP-4, R-PREP-5, R-PREP-6, R-PREP-7, R-PREP-8, R-PREP-9, R-PREP-10, R-PREP-11, R-ROOM, R-NOREC: each step is recorded with who, when and notes. */
export const recordPreparationStep =
  (step: PreparationStep, recording: StepRecording, caller: Principal): ConferenceChange =>
  (c, now) => {
    if (!PREPARING.includes(c.status)) {
      throw new DomainError(
        'conflict',
        'not-preparing',
        'Preparation is over',
        `The conference is ${c.status}; preparation steps are recorded before it ends.`,
        {
          currentStatus: c.status,
        },
      );
    }
    if (!appliesTo(step, c.participationOption)) {
      throw DomainError.field(
        'step-not-for-option',
        'Step does not apply to this option',
        'step',
        `${step} applies only to ${optionOf(step)} conferences (R-OPT)`,
      );
    }
    if (!mayRecordStep(step, caller.roles)) {
      throw new DomainError(
        'forbidden',
        'step-not-yours',
        'Not yours to record',
        `${step} is recorded by ${STEP_RECORDERS[step].join(' or ')} (DOMAIN.md, ${step}).`,
        {
          step,
          allowedRoles: STEP_RECORDERS[step],
          errors: [{ field: 'step', message: `is recorded by ${STEP_RECORDERS[step].join(' or ')}` }],
        },
      );
    }
    // R-PREP-5, R-OPT-2: an agreement is the chair's own call, never a flag another role sends.
    refuseAgreementByAnother(recording.chairAgreed, caller.roles, 'R-PREP-5');
    if (needsChairAgreement(step) && !(recording.chairAgreed || caller.roles.includes('CHAIR'))) {
      throw DomainError.field(
        'chair-agreement-required',
        'The chair must agree',
        'chairAgreed',
        'must be true: the chair agrees the risk assessment (R-PREP-5)',
      );
    }
    if (needsNotes(step) && !recording.notes) {
      throw DomainError.field('notes-required', 'Notes required', 'notes', 'must say who is in the room with the parents (R-ROOM)');
    }
    if (c.preparation.some((done) => done.step === step)) {
      throw new DomainError(
        'conflict',
        'step-already-recorded',
        'Step already recorded',
        `${step} is already recorded for this conference.`,
      );
    }
    const completedAt = (recording.completedAt ?? now).toISOString();
    const record = {
      step,
      completedAt,
      completedBy: caller.sub,
      notes: recording.notes ?? null,
      ...(needsChairAgreement(step) ? { chairAgreed: true } : {}),
    };
    c.preparation = [...c.preparation, record];
    const data = { conferenceId: c.id, step, completedAt, completedBy: caller.sub, ...(recording.notes ? { notes: recording.notes } : {}) };
    return [{ type: 'PreparationStepCompleted', data }];
  };

export interface Debrief {
  heldAt: Date;
  understood: boolean;
  viewsHeard: boolean;
  safetyPlanConfirmed: boolean;
  notes?: string;
}

/** R-POST-1: the SW's debrief with the parents after the conference. */
export const recordDebrief =
  (debrief: Debrief, caller: Principal): ConferenceChange =>
  (c) => {
    if (!['CONCLUDED', 'CIRCULATED', 'CLOSED'].includes(c.status)) {
      throw new DomainError(
        'conflict',
        'not-concluded',
        'The conference has not concluded',
        `The conference is ${c.status}; the debrief follows the conference (R-POST-1).`,
        {
          currentStatus: c.status,
        },
      );
    }
    if (c.debrief)
      throw new DomainError(
        'conflict',
        'debrief-recorded',
        'Debrief already recorded',
        'The debrief with the parents is already recorded.',
      );
    const heldAt = debrief.heldAt.toISOString();
    c.debrief = {
      heldAt,
      heldBy: caller.sub,
      understood: debrief.understood,
      viewsHeard: debrief.viewsHeard,
      safetyPlanConfirmed: debrief.safetyPlanConfirmed,
      notes: debrief.notes ?? null,
    };
    return [{ type: 'DebriefHeld', data: { conferenceId: c.id, heldAt, heldBy: caller.sub } }];
  };

/**
 * R-OPT / R-OPT-2: the option can change before the conference; THREE_PART needs the chair's agreement
 * and a rationale, and steps already recorded for the other option would no longer make sense.
 */
export const changeParticipationOption =
  (option: ParticipationOption, rationale: string | undefined, chairAgreed: boolean, caller: Principal): ConferenceChange =>
  (c) => {
    if (!['SCHEDULED', 'POSTPONED'].includes(c.status)) {
      throw new DomainError('conflict', 'option-fixed', 'The option can no longer change', `The conference is ${c.status}.`, {
        currentStatus: c.status,
      });
    }
    // R-OPT-2: the chair's agreement is the chair's own call, never a flag another role sends.
    refuseAgreementByAnother(chairAgreed, caller.roles, 'R-OPT-2');
    const agreed = caller.roles.includes('CHAIR');
    if (option === 'THREE_PART' && !agreed) {
      throw DomainError.field(
        'chair-agreement-required',
        'THREE_PART needs the chair',
        'chairAgreed',
        "needs the chair's agreement: a 3-part conference is set by the chair's own call (R-OPT-2)",
      );
    }
    if (option === 'THREE_PART' && !rationale) {
      throw DomainError.field(
        'rationale-required',
        'THREE_PART needs a rationale',
        'rationale',
        'is required for a THREE_PART conference (R-OPT-2)',
      );
    }
    const stranded = c.preparation.filter(
      (done) => optionOf(done.step as PreparationStep) !== null && optionOf(done.step as PreparationStep) !== option,
    );
    if (stranded.length > 0) {
      throw new DomainError(
        'conflict',
        'steps-of-other-option',
        'Steps of the current option are recorded',
        `Already recorded: ${stranded.map((s) => s.step).join(', ')}.`,
      );
    }
    c.participationOption = option;
    c.optionRationale = rationale ?? null;
    c.optionChairAgreed = option === 'THREE_PART' && agreed;
    return [
      {
        type: 'ParticipationOptionChanged',
        data: { conferenceId: c.id, participationOption: option, ...(rationale ? { rationale } : {}) },
      },
    ];
  };

/** Issue 14 "Teams": the conference belongs to another locality team of its local authority (null: none). Unchanged, nothing is emitted. */
export const changeTeam =
  (team: string | null): ConferenceChange =>
  (c) => {
    const previousTeam = c.team ?? null;
    if (previousTeam === team) return [];
    c.team = team;
    const data = { conferenceId: c.id, ...(team ? { team } : {}), ...(previousTeam ? { previousTeam } : {}) };
    return [{ type: 'ConferenceTeamChanged', data }];
  };
