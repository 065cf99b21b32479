import type { ParticipationOption } from '@cpc/contracts';

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
