import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SealedContent } from './document-cipher';

/** The conference's plan as stored (R-OUT): one per conference, versioned, its sections sealed. */
export interface SealedPlan {
  id: string;
  conferenceId: string;
  version: number;
  sensitiveCase: boolean;
  sections: SealedContent;
}

/** What a new version of the plan needs to know of the current one. */
export type PlanVersion = Pick<SealedPlan, 'id' | 'version' | 'sensitiveCase'>;

/** A new version of the plan, written over the conference's current one. */
export interface PlanWrite extends SealedPlan {
  updatedBy: string;
}

interface PlanRow {
  id: string;
  conference_id: string;
  version: number;
  sensitive_case: boolean;
  key_id: string;
  sections_ciphertext: Buffer;
}

/**
 * The plans (`plans`, one row per conference) in PostgreSQL. Typed rows inside the store (no TypeORM
 * entity): every statement takes the caller's transaction, so a plan version and its outbox event
 * commit together.
 */
@Injectable()
export class PlanStore {
  /** The current version's id, number and sensitive mark, without its sections; null before the first PUT. */
  async currentVersion(manager: EntityManager, conferenceId: string): Promise<PlanVersion | null> {
    const [row] = (await manager.query('SELECT id, version, sensitive_case FROM plans WHERE conference_id = $1', [
      conferenceId,
    ])) as PlanRow[];
    return row ? { id: row.id, version: row.version, sensitiveCase: row.sensitive_case } : null;
  }

  /** Writes the conference's plan: inserted the first time, replaced by the new version after that. */
  async save(manager: EntityManager, plan: PlanWrite): Promise<void> {
    await manager.query(
      `INSERT INTO plans (conference_id, id, version, sensitive_case, key_id, sections_ciphertext, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (conference_id) DO UPDATE SET version = EXCLUDED.version, sensitive_case = EXCLUDED.sensitive_case,
           key_id = EXCLUDED.key_id, sections_ciphertext = EXCLUDED.sections_ciphertext, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [plan.conferenceId, plan.id, plan.version, plan.sensitiveCase, plan.sections.keyId, plan.sections.ciphertext, plan.updatedBy],
    );
  }

  /** The conference's current plan with its sealed sections, or null. */
  async current(manager: EntityManager, conferenceId: string): Promise<SealedPlan | null> {
    const [row] = (await manager.query('SELECT * FROM plans WHERE conference_id = $1', [conferenceId])) as PlanRow[];
    if (!row) return null;
    return {
      id: row.id,
      conferenceId,
      version: row.version,
      sensitiveCase: row.sensitive_case,
      sections: { keyId: row.key_id, ciphertext: row.sections_ciphertext },
    };
  }
}
