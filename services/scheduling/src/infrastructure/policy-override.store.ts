import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PolicyOverride } from '../domain/policy-override';

/**
 * A local authority's overrides of the default deadline policy, one per deadline kind, in
 * `deadline_policy_overrides`. Typed rows, no TypeORM entity: every statement of the table is here.
 */
@Injectable()
export class PolicyOverrideStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Deadline kind → override, read inside the caller's transaction when one is given. */
  async overridesOf(localAuthority: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, PolicyOverride>> {
    const rows: { kind: string; override: PolicyOverride }[] = await manager.query(
      'SELECT kind, override FROM deadline_policy_overrides WHERE local_authority = $1',
      [localAuthority],
    );
    return new Map(rows.map((row) => [row.kind, row.override]));
  }

  /** Sets the override of one kind, replacing any before it. */
  async save(localAuthority: string, kind: string, override: PolicyOverride, by: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO deadline_policy_overrides (local_authority, kind, override, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (local_authority, kind) DO UPDATE SET override = $3, updated_by = $4, updated_at = now()`,
      [localAuthority, kind, JSON.stringify(override), by],
    );
  }

  /** Removes the override of one kind: the default applies again. */
  async clear(localAuthority: string, kind: string): Promise<void> {
    await this.dataSource.query('DELETE FROM deadline_policy_overrides WHERE local_authority = $1 AND kind = $2', [localAuthority, kind]);
  }
}
