import type { Audience, ParticipationOption, ReportKind, Role } from '@cpc/contracts';

/**
 * The deadline policy as data (DOMAIN.md "Timings the system enforces"): one rule per deadline
 * kind, saying from what it is measured, how far, for which participation option, who is
 * reminded when, who is alerted on breach and which event satisfies it. Defaults are in
 * default-policy.ts; a local authority overrides the timing fields (policy-override.ts).
 */

/** What a deadline is measured from. */
export const Anchors = ['START', 'CONFERENCE_DATE', 'CONCLUSION', 'CONTINGENCY'] as const;
export type Anchor = (typeof Anchors)[number];

/**
 * How far from the anchor (R-TIME):
 * - BEFORE / AFTER: elapsed time (ISO 8601 duration) before or after the anchor instant, so
 *   "24 hours before 10:00" reads 09:00 or 11:00 on the clock across a clock change;
 * - START_OF_DAY: 00:00 Europe/London on the anchor's local date ("before the day", R-NOTDAY);
 * - END_OF_WORKING_DAY: 23:59:59 Europe/London on the nth England and Wales working day after
 *   the anchor's local date ("within 5 working days", R-POST-3); 0 means the anchor's own date.
 */
export type DeadlineOffset =
  | { basis: 'BEFORE'; duration: string }
  | { basis: 'AFTER'; duration: string }
  | { basis: 'START_OF_DAY' }
  | { basis: 'END_OF_WORKING_DAY'; workingDays: number };
export const OffsetBases = ['BEFORE', 'AFTER', 'START_OF_DAY', 'END_OF_WORKING_DAY'] as const;

/** A reminder `before` (ISO 8601 duration) the deadline falls due; `option` limits it to one option. */
export interface ReminderRule {
  before: string;
  remind: Role[];
  option?: ParticipationOption;
}

/** An event that satisfies a deadline (the step recorded, a report submitted or shared, ...). */
export type Satisfier =
  | { event: 'PreparationStepCompleted'; step: string }
  | { event: 'ReportSubmitted'; reportKind: ReportKind }
  | { event: 'ReportShared'; reportKind: ReportKind; audience: Audience }
  | { event: 'PlanCirculated' }
  | { event: 'DebriefHeld' };

/** Before the conference, after it, or the tracked tasks of a contingency (R-CONT). */
export type DeadlinePhase = 'PREPARATION' | 'AFTER_CONFERENCE' | 'CONTINGENCY';

export interface DeadlineRule {
  /** The rule id the deadline enforces, e.g. "R-PREP-3"; also the deadline's `kind`. */
  kind: string;
  description: string;
  phase: DeadlinePhase;
  anchor: Anchor;
  offset: DeadlineOffset;
  /** The participation options (R-OPT) the deadline applies to. */
  options: ParticipationOption[];
  /** Who must do the step (shown to operations and carried on the events). */
  responsible: Role[];
  reminders: ReminderRule[];
  /** Who is alerted when it passes unmet: the chair and the team manager by default. */
  alert: Role[];
  satisfiedBy: Satisfier[];
  /** A local authority may switch a kind off; its deadlines are then not created. */
  enabled: boolean;
}

/** The policy in force for one local authority, and which rules it has overridden. */
export interface DeadlinePolicy {
  localAuthority: string;
  rules: DeadlineRule[];
  overridden: string[];
}

export function ruleOf(policy: DeadlinePolicy, kind: string): DeadlineRule | undefined {
  return policy.rules.find((rule) => rule.kind === kind);
}
