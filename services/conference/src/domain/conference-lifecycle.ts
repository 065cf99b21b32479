import { DomainError, type ConferenceStatus } from '@cpc/contracts';

/** What a caller can do to a conference's status (R-LIFE). */
export const LifecycleActions = [
  'start',
  'pause',
  'resume',
  'conclude',
  'circulate',
  'close',
  'postpone',
  'reschedule',
  'invokeContingency',
  'cancel',
] as const;
export type LifecycleAction = (typeof LifecycleActions)[number];

/**
 * R-LIFE: SCHEDULED → IN_PROGRESS ⇄ PAUSED → CONCLUDED → CIRCULATED → CLOSED, with POSTPONED (back
 * to SCHEDULED when a new date is set), CONTINGENCY (R-CONT, whose plan is then circulated as after
 * a conference) and CANCELLED. Exactly these moves exist; anything else is refused.
 */
const TRANSITIONS: Readonly<Record<LifecycleAction, { from: readonly ConferenceStatus[]; to: ConferenceStatus }>> = {
  start: { from: ['SCHEDULED'], to: 'IN_PROGRESS' },
  pause: { from: ['IN_PROGRESS'], to: 'PAUSED' }, // R-PAUSE
  resume: { from: ['PAUSED'], to: 'IN_PROGRESS' }, // R-PAUSE
  // A paused conference may be brought to a close by the chair when it cannot safely resume.
  conclude: { from: ['IN_PROGRESS', 'PAUSED'], to: 'CONCLUDED' },
  circulate: { from: ['CONCLUDED', 'CONTINGENCY'], to: 'CIRCULATED' }, // R-POST-3, R-CONT
  close: { from: ['CIRCULATED'], to: 'CLOSED' },
  postpone: { from: ['SCHEDULED'], to: 'POSTPONED' }, // R-POSTPONE
  reschedule: { from: ['SCHEDULED', 'POSTPONED'], to: 'SCHEDULED' },
  invokeContingency: { from: ['SCHEDULED'], to: 'CONTINGENCY' }, // R-CONT
  cancel: { from: ['SCHEDULED', 'POSTPONED', 'CONTINGENCY'], to: 'CANCELLED' },
};

/** R-LIFE: a move the table does not have, refused naming the current status and the actions allowed from it. */
export class IllegalTransition extends DomainError {
  constructor(
    readonly action: LifecycleAction,
    readonly current: ConferenceStatus,
    readonly allowedActions: LifecycleAction[],
  ) {
    super(
      'conflict',
      'illegal-transition',
      'Not allowed in the current status',
      `Cannot ${action} a conference that is ${current} (R-LIFE). ` +
        (allowedActions.length ? `From ${current} you may: ${allowedActions.join(', ')}.` : `${current} is final.`),
      { currentStatus: current, allowedActions },
    );
  }
}

export function allowedActions(current: ConferenceStatus): LifecycleAction[] {
  return LifecycleActions.filter((action) => TRANSITIONS[action].from.includes(current));
}

export function canTransition(current: ConferenceStatus, action: LifecycleAction): boolean {
  return TRANSITIONS[action].from.includes(current);
}

/** The status after `action`, or IllegalTransition naming the current status and what is allowed from it. */
export function transition(current: ConferenceStatus, action: LifecycleAction): ConferenceStatus {
  if (!canTransition(current, action)) throw new IllegalTransition(action, current, allowedActions(current));
  return TRANSITIONS[action].to;
}

export function targetOf(action: LifecycleAction): ConferenceStatus {
  return TRANSITIONS[action].to;
}
