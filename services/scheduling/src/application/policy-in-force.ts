import { NotFoundProblem, UnprocessableProblem } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DeadlinePolicy } from '../domain/deadline-policy';
import { DEFAULT_RULES } from '../domain/default-policy';
import { overrideProblems, policyInForce, type PolicyOverride } from '../domain/policy-override';

/**
 * The deadline policy a local authority works to: the defaults of DOMAIN.md with its overrides,
 * stored in PostgreSQL. A changed policy places deadlines created or moved from then on; deadlines
 * already placed keep their time until their conference changes (a policy change is not a reschedule).
 */
@Injectable()
export class PolicyInForce {
  constructor(private readonly dataSource: DataSource) {}

  async forLocalAuthority(localAuthority: string, manager: EntityManager = this.dataSource.manager): Promise<DeadlinePolicy> {
    const rows: { kind: string; override: PolicyOverride }[] = await manager.query(
      'SELECT kind, override FROM deadline_policy_overrides WHERE local_authority = $1',
      [localAuthority],
    );
    return policyInForce(localAuthority, new Map(rows.map((row) => [row.kind, row.override])));
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
    await this.dataSource.query(
      `INSERT INTO deadline_policy_overrides (local_authority, kind, override, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (local_authority, kind) DO UPDATE SET override = $3, updated_by = $4, updated_at = now()`,
      [localAuthority, kind, JSON.stringify(override), by],
    );
    return this.forLocalAuthority(localAuthority);
  }

  async clear(localAuthority: string, kind: string): Promise<DeadlinePolicy> {
    if (!DEFAULT_RULES.some((candidate) => candidate.kind === kind)) throw new NotFoundProblem('Deadline kind', kind);
    await this.dataSource.query('DELETE FROM deadline_policy_overrides WHERE local_authority = $1 AND kind = $2', [localAuthority, kind]);
    return this.forLocalAuthority(localAuthority);
  }
}
