import type { DocumentSection } from '../../domain/document-section';
import type { CaseIdentity } from '../../domain/redaction/case-identity';
import { buildParentCopy, buildProfessionalCopy } from '../../domain/redaction/parent-copy';
import { renderWordDocument } from './word-document';
import { encryptWordDocument } from './word-encryption';

/**
 * What runs on the documents service's worker threads (rendering-pool.ts): everything CPU-heavy about
 * a circulation's copies, so the event loop keeps answering requests and Kafka heartbeats meanwhile.
 * Tasks and results cross the thread boundary by structured clone: plain data and bytes only.
 */

export interface CirculationCopiesTask {
  title: string;
  sections: DocumentSection[];
  identity: CaseIdentity;
  sensitiveCase: boolean;
}

export interface CirculationCopies {
  /** R-DEL-PRO: the whole plan. */
  professional: Uint8Array;
  /** R-RED-INIT, R-RED-DV, R-CLASS-2: the redacted plan, not yet encrypted (each parent's copy has its own password). */
  parent: Uint8Array;
  /** R-RED-DV: domestic-abuse content was withheld, so the victim is advised (planRecipients). */
  adviseVictim: boolean;
}

export interface ParentCopyEncryptionTask {
  document: Uint8Array;
  password: string;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** R-DEL-PRO, R-DEL-PAR: the redaction and both renders of one circulation, in one task. */
export async function renderCirculationCopies(task: CirculationCopiesTask): Promise<CirculationCopies> {
  const parentCopy = buildParentCopy(task.sections, task.identity, task.sensitiveCase);
  const [professional, parent] = [
    await renderWordDocument({ title: task.title, sections: buildProfessionalCopy(task.sections).sections }),
    await renderWordDocument({ title: task.title, sections: parentCopy.sections }),
  ];
  return { professional, parent, adviseVictim: parentCopy.adviseVictim };
}

/** R-DEL-PWD: one parent's copy under its own password (ECMA-376 agile, 100,000 spins). */
export function encryptParentCopy(task: ParentCopyEncryptionTask): Promise<Uint8Array> {
  return encryptWordDocument(asBuffer(task.document), task.password);
}
