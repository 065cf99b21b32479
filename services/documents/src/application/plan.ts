import type { PlanUpdated } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentSection } from '../domain';
import { DocumentCipher } from '../infrastructure/document-cipher';
import { PlanStore } from '../infrastructure/plan.store';
import { CaseIdentities } from './case-identities';
import type { PlanSummary, PutPlanInput } from './document-inputs';
import { toSection } from './reports';

export interface StoredPlan {
  id: string;
  conferenceId: string;
  version: number;
  sensitiveCase: boolean;
  sections: DocumentSection[];
}

/** R-OUT: the plan, decision analysis and minutes, in marked sections, stored encrypted; one per conference, versioned. */
@Injectable()
export class Plans {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cipher: DocumentCipher,
    private readonly cases: CaseIdentities,
    private readonly store: PlanStore,
  ) {}

  async put(conferenceId: string, body: PutPlanInput, caller: Principal): Promise<PlanSummary> {
    const sections = body.sections.map(toSection);
    return this.dataSource.transaction(async (manager) => {
      // The conference row is locked so two writers of the plan get consecutive versions.
      const conference = await this.cases.conference(manager, conferenceId, caller.la, true);
      await this.cases.named(manager, conference, body.people ?? []);
      const current = await this.store.currentVersion(manager, conferenceId);
      const id = current?.id ?? randomUUID();
      const version = (current?.version ?? 0) + 1;
      // R-RED-DV: once the chair marked the case sensitive (here or at conclusion), it stays so unless said otherwise here.
      const sensitiveCase = body.sensitiveCase ?? (current?.sensitiveCase || conference.sensitiveCase);
      const sealed = this.cipher.sealJson(sections, id);
      await this.store.save(manager, { id, conferenceId, version, sensitiveCase, sections: sealed, updatedBy: caller.sub });
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
    const plan = await this.store.current(manager, conferenceId);
    if (!plan) return null;
    return { ...plan, sections: this.cipher.openJson<DocumentSection[]>(plan.sections, plan.id) };
  }
}
