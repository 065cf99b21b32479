import type { Audience, ReportSubmitted } from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SealedContent } from './document-cipher';

/** A report as stored: its marked sections sealed under the key named beside them (R-CLASS, R-DV). */
export interface StoredReport {
  id: string;
  conferenceId: string;
  localAuthority: string;
  kind: ReportSubmitted['kind'];
  version: number;
  sections: SealedContent;
}

/** A report as submitted, before PostgreSQL gives it its submission instant; always version 1. */
export interface NewReport {
  id: string;
  conferenceId: string;
  localAuthority: string;
  kind: ReportSubmitted['kind'];
  agency: string | null;
  sectionCount: number;
  sections: SealedContent;
  submittedBy: string;
}

/** One share of one report version with one audience (R-SHARE), flagged late on or after the conference day (R-NOTDAY). */
export interface NewReportShare {
  id: string;
  reportId: string;
  conferenceId: string;
  reportVersion: number;
  audience: Audience;
  recipients: string[];
  sectionIndexes: number[];
  late: boolean;
  sharedBy: string;
  sharedAt: Date;
}

interface ReportRow {
  id: string;
  conference_id: string;
  local_authority: string;
  kind: ReportSubmitted['kind'];
  version: number;
  key_id: string;
  sections_ciphertext: Buffer;
}

/**
 * Reports and their shares (`reports`, `report_shares`) in PostgreSQL. Typed rows inside the store (no
 * TypeORM entity): every statement takes the caller's transaction, so a report or share and its outbox
 * event commit together.
 */
@Injectable()
export class ReportStore {
  /** Stores a new report and returns the instant PostgreSQL recorded it as submitted. */
  async submit(manager: EntityManager, report: NewReport): Promise<Date> {
    const [row] = await manager.query(
      `INSERT INTO reports (id, conference_id, local_authority, kind, agency, version, section_count, key_id, sections_ciphertext, submitted_by)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9) RETURNING submitted_at`,
      [
        report.id,
        report.conferenceId,
        report.localAuthority,
        report.kind,
        report.agency,
        report.sectionCount,
        report.sections.keyId,
        report.sections.ciphertext,
        report.submittedBy,
      ],
    );
    return row.submitted_at as Date;
  }

  /** The report, whichever local authority it belongs to (the caller decides what it may see), or null. */
  async find(manager: EntityManager, reportId: string): Promise<StoredReport | null> {
    const [row] = (await manager.query('SELECT * FROM reports WHERE id = $1', [reportId])) as ReportRow[];
    if (!row) return null;
    return {
      id: row.id,
      conferenceId: row.conference_id,
      localAuthority: row.local_authority,
      kind: row.kind,
      version: row.version,
      sections: { keyId: row.key_id, ciphertext: row.sections_ciphertext },
    };
  }

  async addShare(manager: EntityManager, share: NewReportShare): Promise<void> {
    await manager.query(
      `INSERT INTO report_shares (id, report_id, conference_id, report_version, audience, recipients, section_indexes, late, shared_by, shared_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        share.id,
        share.reportId,
        share.conferenceId,
        share.reportVersion,
        share.audience,
        JSON.stringify(share.recipients),
        JSON.stringify(share.sectionIndexes),
        share.late,
        share.sharedBy,
        share.sharedAt,
      ],
    );
  }
}
