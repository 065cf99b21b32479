import type { Audience, ReportKind } from '@cpc/contracts';
import type { DeadlineRule, Satisfier } from './deadline-policy';

/** Something that happened which may satisfy deadlines: the facts of one input event. */
export type Evidence =
  | { event: 'PreparationStepCompleted'; step: string; at: Date }
  | { event: 'ReportSubmitted'; reportKind: ReportKind; at: Date }
  | { event: 'ReportShared'; reportKind: ReportKind; audience: Audience; at: Date }
  | { event: 'PlanCirculated'; at: Date }
  | { event: 'DebriefHeld'; at: Date };

function matches(satisfier: Satisfier, evidence: Evidence): boolean {
  switch (satisfier.event) {
    case 'PreparationStepCompleted':
      return evidence.event === satisfier.event && evidence.step === satisfier.step;
    case 'ReportSubmitted':
      return evidence.event === satisfier.event && evidence.reportKind === satisfier.reportKind;
    case 'ReportShared':
      return evidence.event === satisfier.event && evidence.reportKind === satisfier.reportKind && evidence.audience === satisfier.audience;
    case 'PlanCirculated':
    case 'DebriefHeld':
      return evidence.event === satisfier.event;
  }
}

/** The kinds this evidence satisfies (R-PREP-3 by the police report, R-POST-3 by PlanCirculated, ...). */
export function kindsSatisfiedBy(rules: readonly DeadlineRule[], evidence: Evidence): string[] {
  return rules.filter((rule) => rule.satisfiedBy.some((satisfier) => matches(satisfier, evidence))).map((rule) => rule.kind);
}
