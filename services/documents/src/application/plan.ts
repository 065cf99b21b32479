import type { PlanUpdated } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentSection } from '../domain';
import { DocumentCipher } from '../infrastructure/document-cipher';
import { CaseIdentities, findConference } from './case-identities';
import type { PlanSummary, PutPlanInput } from './document-inputs';
import { toSection } from './reports';

export interface StoredPlan {
  id: string;
  conferenceId: string;
  version: number;
  sensitiveCase: boolean;
  sections: DocumentSection[];
}

interface PlanRow {
  id: string;
  conference_id: string;
  version: number;
  sensitive_case: boolean;
  key_id: string;
  sections_ciphertext: Buffer;
}

/** R-OUT: the plan, decision analysis and minutes, in marked sections, stored encrypted; one per conference, versioned. */
@Injectable()
export class Plans {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cipher: DocumentCipher,
    private readonly cases: CaseIdentities,
  ) {}

  async put(conferenceId: string, body: PutPlanInput, caller: Principal): Promise<PlanSummary> {
    const sections = body.sections.map(toSection);
    return this.dataSource.transaction(async (manager) => {
      // The conference row is locked so two writers of the plan get consecutive versions.
      const conference = await findConference(manager, conferenceId, caller.la, true);
      await this.cases.named(manager, conference, body.people ?? []);
      const [current] = (await manager.query('SELECT id, version, sensitive_case FROM plans WHERE conference_id = $1', [
        conferenceId,
      ])) as PlanRow[];
      const id = current?.id ?? randomUUID();
      const version = (current?.version ?? 0) + 1;
      // R-RED-DV: once the chair marked the case sensitive (here or at conclusion), it stays so unless said otherwise here.
      const sensitiveCase = body.sensitiveCase ?? (current?.sensitive_case || conference.sensitiveCase);
      const sealed = this.cipher.sealJson(sections, id);
      await manager.query(
        `INSERT INTO plans (conference_id, id, version, sensitive_case, key_id, sections_ciphertext, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (conference_id) DO UPDATE SET version = EXCLUDED.version, sensitive_case = EXCLUDED.sensitive_case,
           key_id = EXCLUDED.key_id, sections_ciphertext = EXCLUDED.sections_ciphertext, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [conferenceId, id, version, sensitiveCase, sealed.keyId, sealed.ciphertext, caller.sub],
      );
      await this.outbox.append<PlanUpdated>(manager, {
        type: 'PlanUpdated',
        conferenceId,
        localAuthority: conference.localAuthority,
        data: { conferenceId, planId: id, version, sensitiveCase },
      });
      return { id, conferenceId, version, sensitiveCase, sectionCount: sections.length };
    });
  }

  async current(manager: EntityManager, conferenceId: string): Promise<StoredPlan | null> {
    const [row] = (await manager.query('SELECT * FROM plans WHERE conference_id = $1', [conferenceId])) as PlanRow[];
    if (!row) return null;
    return {
      id: row.id,
      conferenceId,
      version: row.version,
      sensitiveCase: row.sensitive_case,
      sections: this.cipher.openJson<DocumentSection[]>({ keyId: row.key_id, ciphertext: row.sections_ciphertext }, row.id),
    };
  }
}
