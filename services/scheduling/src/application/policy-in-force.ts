import { NotFoundProblem, UnprocessableProblem } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeadlinePolicy } from '../domain/deadline-policy';
import { DEFAULT_RULES } from '../domain/default-policy';
import { overrideProblems, policyInForce, type PolicyOverride } from '../domain/policy-override';
import { PolicyOverrideStore } from '../infrastructure/policy-override.store';

/**
 * The deadline policy a local authority works to: the defaults of DOMAIN.md with its overrides,
 * stored in PostgreSQL. A changed policy places deadlines created or moved from then on; deadlines
 * already placed keep their time until their conference changes (a policy change is not a reschedule).
 */
@Injectable()
export class PolicyInForce {
  constructor(private readonly store: PolicyOverrideStore) {}

  async forLocalAuthority(localAuthority: string, manager?: EntityManager): Promise<DeadlinePolicy> {
    return policyInForce(localAuthority, await this.store.overridesOf(localAuthority, manager));
  }

  async override(localAuthority: string, kind: string, override: PolicyOverride, by: string): Promise<DeadlinePolicy> {
    const rule = DEFAULT_RULES.find((candidate) => candidate.kind === kind);
    if (!rule) throw new NotFoundProblem('Deadline kind', kind);
    const problems = overrideProblems(rule, override);
    if (problems.length > 0) {
      throw new UnprocessableProblem('policy-override-invalid', 'The override does not fit this deadline kind', problems.join('; '), {
        errors: problems.map((message) => ({ field: message.split(' ')[0], message })),
      });
    }
    await this.store.save(localAuthority, kind, override, by);
    return this.forLocalAuthority(localAuthority);
  }

  async clear(localAuthority: string, kind: string): Promise<DeadlinePolicy> {
    if (!DEFAULT_RULES.some((candidate) => candidate.kind === kind)) throw new NotFoundProblem('Deadline kind', kind);
    await this.store.clear(localAuthority, kind);
    return this.forLocalAuthority(localAuthority);
  }
}
