import type { Audience, ReportKind } from '@cpc/contracts';
import type { DocumentSection, NamedPerson } from '../domain';

/**
 * What the document use cases take and give back, declared here so application/ never imports api/
 * (STYLE.md §1): the DTOs and views in api/ implement these.
 */

/** A report as submitted: its marked sections (R-CLASS, R-DV) and the people it names who are not participants (R-RED-INIT). */
export interface SubmitReportInput {
  kind: ReportKind;
  agency?: string;
  sections: DocumentSection[];
  people?: NamedPerson[];
}

/** A share of a report with one audience (R-SHARE); no section list means all the audience may read. */
export interface ShareReportInput {
  audience: Audience;
  recipients: string[];
  sections?: number[];
}

/** A new version of the conference's plan (R-OUT); `sensitiveCase` marks the case sensitive (R-RED-DV). */
export interface PutPlanInput {
  sections: DocumentSection[];
  people?: NamedPerson[];
  sensitiveCase?: boolean;
}

/** A stored report, without its text. */
export interface SubmittedReport {
  id: string;
  conferenceId: string;
  kind: ReportKind;
  agency?: string;
  version: number;
  sectionCount: number;
  submittedAt: string;
}

/** One share of a report as recorded; `late` is R-NOTDAY's flag. */
export interface ReportShare {
  id: string;
  reportId: string;
  reportVersion: number;
  audience: Audience;
  recipients: string[];
  sections: number[];
  late: boolean;
  sharedAt: string;
}

/** The plan's current version, without its text. */
export interface PlanSummary {
  id: string;
  conferenceId: string;
  version: number;
  sensitiveCase: boolean;
  sectionCount: number;
}
