import type { CopyKind } from '../domain/circulation';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SealedContent } from './document-cipher';

/** A rendered copy of the plan as stored (`stored_documents`), its content sealed. */
export interface StoredDocument {
  id: string;
  conferenceId: string;
  localAuthority: string;
  kind: CopyKind;
  planVersion: number;
  fileName: string;
  contentType: string;
  content: SealedContent;
}

/**
 * Reads of the rendered copies in PostgreSQL, outside any transaction. Typed rows inside the store (no
 * TypeORM entity). Copies are written with their circulation, by CirculationStore.addCopy.
 */
@Injectable()
export class StoredDocumentStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The copy, whichever local authority it belongs to (the caller decides what it may see), or null. */
  async find(documentId: string): Promise<StoredDocument | null> {
    const [row] = (await this.dataSource.query('SELECT * FROM stored_documents WHERE id = $1', [documentId])) as Record<string, unknown>[];
    if (!row) return null;
    return {
      id: row.id as string,
      conferenceId: row.conference_id as string,
      localAuthority: row.local_authority as string,
      kind: row.kind as CopyKind,
      planVersion: row.plan_version as number,
      fileName: row.file_name as string,
      contentType: row.content_type as string,
      content: { keyId: row.key_id as string, ciphertext: row.content_ciphertext as Buffer },
    };
  }
}
