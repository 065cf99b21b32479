import { DomainError, type ParticipationOption, type Role } from '@cpc/contracts';

/** Preparation steps of DOMAIN.md, named by their rule ids (API.md: "step names are the developers'"). */
export const PreparationSteps = [
  'R-PREP-1',
  'R-PREP-2',
  'R-PREP-3',
  'R-PREP-4',
  'R-PREP-5',
  'R-PREP-6',
  'R-PREP-7',
  'R-PREP-8',
  'R-PREP-9',
  'R-PREP-10',
  'R-PREP-11',
  'R-ROOM',
  'R-NOREC',
] as const;
export type PreparationStep = (typeof PreparationSteps)[number];

/** Steps that belong to one participation option only (DOMAIN.md "applies to"). */
const ONLY_FOR: Partial<Record<PreparationStep, ParticipationOption>> = {
  'R-PREP-6': 'FULL',
  'R-PREP-7': 'FULL',
  'R-PREP-8': 'FULL',
  'R-PREP-9': 'THREE_PART',
};

export function isPreparationStep(step: string): step is PreparationStep {
  return (PreparationSteps as readonly string[]).includes(step);
}

export function appliesTo(step: PreparationStep, option: ParticipationOption): boolean {
  const only = ONLY_FOR[step];
  return only === undefined || only === option;
}

export function optionOf(step: PreparationStep): ParticipationOption | null {
  return ONLY_FOR[step] ?? null;
}

/** R-PREP-5: the SW's risk assessment of who is invited counts only once the chair agreed it. */
export function needsChairAgreement(step: PreparationStep): boolean {
  return step === 'R-PREP-5';
}

/** R-ROOM: who is in the room with the parents must be written down, not just ticked. */
export function needsNotes(step: PreparationStep): boolean {
  return step === 'R-ROOM';
}

/**
 * Who records each step: the "who" column of DOMAIN.md's preparation table, so a deadline is met
 * only by the person whose work it is. A SYSTEM client (another council system, e.g. the police
 * report interface) may record only the arrival of reports.
 */
export const STEP_RECORDERS: Readonly<Record<PreparationStep, readonly Role[]>> = {
  'R-PREP-1': ['CHAIR', 'SOCIAL_WORKER'], // R-PREP-1: the chair–SW discussion
  'R-PREP-2': ['SOCIAL_WORKER'], // R-PREP-2: the SW meets the family and shares the SW report
  'R-PREP-3': ['PROFESSIONAL', 'SOCIAL_WORKER', 'SYSTEM'], // R-PREP-3: the police report reaches the SW
  'R-PREP-4': ['SOCIAL_WORKER'], // R-PREP-4: the SW shares the OPEN police information with the family
  'R-PREP-5': ['CHAIR'], // R-PREP-5: the SW's risk assessment counts once the chair agrees it: the chair's own call
  'R-PREP-6': ['SOCIAL_WORKER', 'CHAIR'], // R-PREP-6: preparation work with the parents
  'R-PREP-7': ['CHAIR'], // R-PREP-7: the chair's pre-meeting with the parents
  'R-PREP-8': ['CHAIR'], // R-PREP-8: the chair's confidential slot with the professionals
  'R-PREP-9': ['CHAIR'], // R-PREP-9: the chair's meeting with the parents before the professionals' meeting
  'R-PREP-10': ['PROFESSIONAL', 'SOCIAL_WORKER', 'SYSTEM'], // R-PREP-10: professionals' reports shared
  'R-PREP-11': ['CHAIR'], // R-PREP-11: the chair agrees with the family how the outcome is sent
  'R-ROOM': ['CHAIR'], // R-ROOM: asked and recorded by the chair at the pre-meeting
  'R-NOREC': ['CHAIR'], // R-NOREC: the chair states it to every attendee
};

/** Whether a caller holding these roles may record the step (STEP_RECORDERS). */
export function mayRecordStep(step: PreparationStep, roles: readonly string[]): boolean {
  return STEP_RECORDERS[step].some((role) => roles.includes(role));
}

/**
 * R-PREP-5, R-OPT-2: the chair's agreement is the chair's own call. A `chairAgreed` flag sent by any
 * other role is refused (403 chair-agreement-not-yours), never taken as the chair's word.
 */
export function refuseAgreementByAnother(chairAgreed: boolean | undefined, roles: readonly string[], rule: 'R-PREP-5' | 'R-OPT-2'): void {
  if (chairAgreed !== true || roles.includes('CHAIR')) return;
  throw new DomainError(
    'forbidden',
    'chair-agreement-not-yours',
    "Only the chair's own call records the chair's agreement",
    `chairAgreed can be sent only by the chair (${rule}).`,
    { errors: [{ field: 'chairAgreed', message: "is the chair's own call" }] },
  );
}
