import { DomainError, type ReportShared, type ReportSubmitted } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isOnOrAfterConferenceDay, SharePolicy, UnknownSectionError, type DocumentSection } from '../domain';
import { DocumentCipher } from '../infrastructure/document-cipher';
import { ReportStore } from '../infrastructure/report.store';
import { CaseIdentities } from './case-identities';
import type { ReportShare, ShareReportInput, SubmitReportInput, SubmittedReport } from './document-inputs';

/** R-CLASS-2: the family was asked to receive confidential sections: refused whole, naming them. */
export class ConfidentialToFamily extends DomainError {
  constructor(sections: { index: number; heading: string }[]) {
    super(
      'unprocessable',
      'confidential-to-family',
      'Confidential sections never go to the family',
      `Refused: ${sections.map((s) => `section ${s.index} "${s.heading}"`).join(', ')} ${sections.length === 1 ? 'is' : 'are'} CONFIDENTIAL (R-CLASS-2). Nothing was shared.`,
      { confidentialSections: sections },
    );
  }
}

/** R-DV, R-RED-DV: the family was asked to receive sections marked sensitive: refused whole, naming them. */
export class SensitiveToFamily extends DomainError {
  constructor(sections: { index: number; heading: string }[]) {
    super(
      'unprocessable',
      'sensitive-to-family',
      'Sensitive sections do not go to the family',
      `Refused: ${sections.map((s) => `section ${s.index} "${s.heading}"`).join(', ')} ${sections.length === 1 ? 'is' : 'are'} marked sensitive (R-DV, R-RED-DV). Nothing was shared.`,
      { sensitiveSections: sections },
    );
  }
}

/** Reports (R-CLASS, R-DV) stored encrypted, and their shares (R-SHARE, R-NOTDAY). */
@Injectable()
export class Reports {
  private readonly policy = new SharePolicy();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cipher: DocumentCipher,
    private readonly cases: CaseIdentities,
    private readonly store: ReportStore,
  ) {}

  async submit(conferenceId: string, body: SubmitReportInput, caller: Principal): Promise<SubmittedReport> {
    const id = randomUUID();
    const sections = body.sections.map(toSection);
    const sealed = this.cipher.sealJson(sections, id);
    // One transaction: the report and its ReportSubmitted commit together, or neither does.
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.cases.conference(manager, conferenceId, caller.la, true);
      await this.cases.named(manager, conference, body.people ?? []);
      const submitted = await this.store.submit(manager, {
        id,
        conferenceId,
        localAuthority: conference.localAuthority,
        kind: body.kind,
        agency: body.agency ?? null,
        sectionCount: sections.length,
        sections: sealed,
        submittedBy: caller.sub,
      });
      const submittedAt = submitted.toISOString();
      await this.outbox.append<ReportSubmitted>(manager, {
        type: 'ReportSubmitted',
        conferenceId,
        localAuthority: conference.localAuthority,
        data: { conferenceId, reportId: id, kind: body.kind, agency: body.agency, version: 1, submittedAt, submittedBy: caller.sub },
      });
      return { id, conferenceId, kind: body.kind, agency: body.agency, version: 1, sectionCount: sections.length, submittedAt };
    });
  }

  async share(reportId: string, body: ShareReportInput, caller: Principal): Promise<ReportShare> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.store.find(manager, reportId);
      if (!report || report.localAuthority !== caller.la) throw DomainError.notFound('Report', reportId);
      const conference = await this.cases.conference(manager, report.conferenceId, caller.la);
      const sections = this.cipher.openJson<DocumentSection[]>(report.sections, report.id);
      const indexes = this.decide(sections, body);

      const shareId = randomUUID();
      const sharedAt = new Date();
      const late = isOnOrAfterConferenceDay(sharedAt, conference.scheduledStart); // R-NOTDAY: allowed, flagged
      await this.store.addShare(manager, {
        id: shareId,
        reportId,
        conferenceId: report.conferenceId,
        reportVersion: report.version,
        audience: body.audience,
        recipients: body.recipients,
        sectionIndexes: indexes,
        late,
        sharedBy: caller.sub,
        sharedAt,
      });
      await this.outbox.append<ReportShared>(manager, {
        type: 'ReportShared',
        conferenceId: report.conferenceId,
        localAuthority: report.localAuthority,
        data: {
          conferenceId: report.conferenceId,
          reportId,
          shareId,
          reportKind: report.kind,
          reportVersion: report.version,
          audience: body.audience,
          recipients: body.recipients,
          sectionsShared: indexes.length,
          sharedAt: sharedAt.toISOString(),
          sharedBy: caller.sub,
          late,
        },
      });
      return {
        id: shareId,
        reportId,
        reportVersion: report.version,
        audience: body.audience,
        recipients: body.recipients,
        sections: indexes,
        late,
        sharedAt: sharedAt.toISOString(),
      };
    });
  }

  /** R-CLASS-2 through SharePolicy: the section indexes to share, or a refusal naming the confidential ones. */
  private decide(sections: DocumentSection[], body: ShareReportInput): number[] {
    try {
      const decision = this.policy.decide(sections, body.audience, body.sections);
      if (decision.outcome === 'REFUSED') throw new ConfidentialToFamily(decision.confidentialRequested);
      const withheld = this.policy.withholdSensitive(sections, body.audience, decision.indexes, body.sections !== undefined);
      if (withheld.refused.length > 0) throw new SensitiveToFamily(withheld.refused);
      if (withheld.indexes.length === 0) {
        throw new DomainError(
          'unprocessable',
          'nothing-to-share',
          'Nothing to share',
          'No section of this report may go to this audience.',
        );
      }
      return withheld.indexes;
    } catch (error) {
      if (error instanceof UnknownSectionError) throw DomainError.invalid([{ field: 'sections', message: error.message }]);
      throw error;
    }
  }
}

export function toSection(dto: DocumentSection): DocumentSection {
  return {
    heading: dto.heading,
    text: dto.text,
    classification: dto.classification,
    ...(dto.sensitivity ? { sensitivity: dto.sensitivity } : {}),
  };
}
