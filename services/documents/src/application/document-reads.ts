import { DomainError } from '@cpc/contracts';
import { AuditLog, type Principal } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentCipher } from '../infrastructure/document-cipher';

export interface DownloadedDocument {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** GET /documents/{id}: a rendered copy, for its own local authority only, every read audited. */
@Injectable()
export class DocumentReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: DocumentCipher,
    private readonly audit: AuditLog,
  ) {}

  async read(documentId: string, caller: Principal): Promise<DownloadedDocument> {
    const [row] = await this.dataSource.query('SELECT * FROM stored_documents WHERE id = $1', [documentId]);
    // Another local authority's document is "not found": its existence is not disclosed; the attempt is still audited.
    const visible = row && row.local_authority === caller.la;
    await this.audit.record({
      principal: caller,
      action: 'document.read',
      resourceType: 'documents',
      resourceId: documentId,
      outcome: visible ? 200 : 404,
      detail: visible ? { conferenceId: row.conference_id, kind: row.kind, planVersion: row.plan_version } : undefined,
    });
    if (!visible) throw DomainError.notFound('Document', documentId);
    return {
      fileName: row.file_name,
      contentType: row.content_type,
      content: this.cipher.open({ keyId: row.key_id, ciphertext: row.content_ciphertext }, row.id),
    };
  }
}
