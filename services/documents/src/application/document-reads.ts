import { DomainError } from '@cpc/contracts';
import { AuditLog, type Principal } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import { DocumentCipher } from '../infrastructure/document-cipher';
import { StoredDocumentStore } from '../infrastructure/stored-document.store';

export interface DownloadedDocument {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** GET /documents/{id}: a rendered copy, for its own local authority only, every read audited. */
@Injectable()
export class DocumentReads {
  constructor(
    private readonly store: StoredDocumentStore,
    private readonly cipher: DocumentCipher,
    private readonly audit: AuditLog,
  ) {}

  async read(documentId: string, caller: Principal): Promise<DownloadedDocument> {
    const document = await this.store.find(documentId);
    // Another local authority's document is "not found": its existence is not disclosed; the attempt is still audited.
    const visible = document !== null && document.localAuthority === caller.la;
    await this.audit.record({
      principal: caller,
      action: 'document.read',
      resourceType: 'documents',
      resourceId: documentId,
      outcome: visible ? 200 : 404,
      detail: visible ? { conferenceId: document.conferenceId, kind: document.kind, planVersion: document.planVersion } : undefined,
    });
    if (!visible) throw DomainError.notFound('Document', documentId);
    return { fileName: document.fileName, contentType: document.contentType, content: this.cipher.open(document.content, document.id) };
  }
}
