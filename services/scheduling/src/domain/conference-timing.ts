import type { ParticipationOption } from '@cpc/contracts';
import type { DeadlinePolicy, DeadlineRule } from './deadline-policy';

/**
 * What scheduling knows of a conference: enough to place its deadlines. `stage` is the part of
 * R-LIFE that decides which deadlines apply: preparation before the conference, the after-
 * conference steps once concluded, the contingency tasks (R-CONT), none when postponed or cancelled.
 */
export type ConferenceStage = 'SCHEDULED' | 'POSTPONED' | 'CANCELLED' | 'CONTINGENCY' | 'CONCLUDED';

export interface ConferenceTiming {
  conferenceId: string;
  localAuthority: string;
  scheduledStart: Date;
  participationOption: ParticipationOption;
  stage: ConferenceStage;
  concludedAt: Date | null;
  contingencyAt: Date | null;
  /** The contingency tasks the conference service named (R-CONT); empty means all of them. */
  contingencyTasks: string[];
}

/** The rules that apply to the conference as it stands (R-OPT, R-LIFE, R-CONT). */
export function applicableRules(conference: ConferenceTiming, policy: DeadlinePolicy): DeadlineRule[] {
  const forOption = policy.rules.filter((rule) => rule.enabled && rule.options.includes(conference.participationOption));
  switch (conference.stage) {
    case 'SCHEDULED':
      return forOption.filter((rule) => rule.phase === 'PREPARATION');
    case 'CONCLUDED':
      // Preparation deadlines keep their outcome; the after-conference steps start (R-POST-1, R-POST-3).
      return forOption.filter((rule) => rule.phase === 'PREPARATION' || (rule.phase === 'AFTER_CONFERENCE' && conference.concludedAt));
    case 'CONTINGENCY': {
      const named = conference.contingencyTasks.filter((task) =>
        forOption.some((rule) => rule.phase === 'CONTINGENCY' && rule.kind === task),
      );
      return forOption.filter((rule) => rule.phase === 'CONTINGENCY' && (named.length === 0 || named.includes(rule.kind)));
    }
    case 'POSTPONED':
    case 'CANCELLED':
      return [];
  }
}

/** Why deadlines that no longer apply are stood down, in words for the event and the API. */
export function standDownReason(conference: ConferenceTiming, trigger: string): string {
  switch (conference.stage) {
    case 'POSTPONED':
      return 'conference postponed (R-POSTPONE)';
    case 'CANCELLED':
      return 'conference cancelled';
    case 'CONTINGENCY':
      return 'contingency invoked: the conference cannot go ahead (R-CONT)';
    default:
      return trigger;
  }
}
