import type { DeadlineOffset, DeadlinePolicy, DeadlineRule, ReminderRule } from './deadline-policy';
import { DEFAULT_RULES } from './default-policy';
import { isElapsedDuration } from './elapsed-duration';
import type { Role } from '@cpc/contracts';

/**
 * What a local authority may change about a kind: its timing, its reminders, who is alerted, and
 * whether it applies at all. The anchor, the options and what satisfies it are the guidance's
 * meaning of the kind and stay as they are.
 */
export interface PolicyOverride {
  offset?: DeadlineOffset;
  reminders?: ReminderRule[];
  alert?: Role[];
  enabled?: boolean;
}

const MAX_WORKING_DAYS = 60;

/** The reasons an override cannot apply to this rule; empty when it can. */
export function overrideProblems(rule: DeadlineRule, override: PolicyOverride): string[] {
  const problems: string[] = [];
  const offset = override.offset;
  if (offset) {
    if ((offset.basis === 'BEFORE' || offset.basis === 'AFTER') && !isElapsedDuration(offset.duration)) {
      problems.push(`offset.duration "${offset.duration}" is not an ISO 8601 duration of weeks, days, hours, minutes or seconds`);
    }
    if ((offset.basis === 'BEFORE' || offset.basis === 'AFTER') && rule.anchor === 'CONFERENCE_DATE') {
      problems.push(`${rule.kind} is measured from the conference date, which has no time of day: use START_OF_DAY or END_OF_WORKING_DAY`);
    }
    if (
      offset.basis === 'END_OF_WORKING_DAY' &&
      !(Number.isInteger(offset.workingDays) && offset.workingDays >= 0 && offset.workingDays <= MAX_WORKING_DAYS)
    ) {
      problems.push(`offset.workingDays must be a whole number from 0 to ${MAX_WORKING_DAYS}`);
    }
  }
  for (const [index, reminder] of (override.reminders ?? []).entries()) {
    if (!isElapsedDuration(reminder.before)) problems.push(`reminders[${index}].before "${reminder.before}" is not an ISO 8601 duration`);
    if (reminder.option && !rule.options.includes(reminder.option)) {
      problems.push(`reminders[${index}].option ${reminder.option} does not apply to ${rule.kind}`);
    }
  }
  return problems;
}

export function applyOverride(rule: DeadlineRule, override: PolicyOverride): DeadlineRule {
  return {
    ...rule,
    ...(override.offset ? { offset: override.offset } : {}),
    ...(override.reminders ? { reminders: override.reminders } : {}),
    ...(override.alert ? { alert: override.alert } : {}),
    // `enabled: null` (which the DTO's IsOptional lets through, and older rows may hold) changes nothing.
    ...(typeof override.enabled === 'boolean' ? { enabled: override.enabled } : {}),
  };
}

/** The defaults with a local authority's overrides laid over them. An override that no longer fits is ignored. */
export function policyInForce(localAuthority: string, overrides: ReadonlyMap<string, PolicyOverride>): DeadlinePolicy {
  const overridden: string[] = [];
  const rules = DEFAULT_RULES.map((rule) => {
    const override = overrides.get(rule.kind);
    if (!override || overrideProblems(rule, override).length > 0) return rule;
    overridden.push(rule.kind);
    return applyOverride(rule, override);
  });
  return { localAuthority, rules, overridden };
}
