import type { DocumentSection } from '../document-section';
import { SharePolicy } from '../share-policy';
import type { CaseIdentity } from './case-identity';
import { ParentCopyRedactor } from './parent-copy-redactor';
import type { RedactionFinding } from './redaction-finding';

/** What stands in the parents' copy where a domestic-abuse section was taken out (R-RED-DV). */
export const WITHHELD_SECTION: Readonly<DocumentSection> = Object.freeze({
  heading: 'Section withheld',
  text: 'A section of this document has been withheld from this copy to keep everyone safe. Your social worker can talk with you about it.',
  classification: 'OPEN',
});

/** A replacement made in the parents' copy, and where: for the chair's review and the audit trail. */
export interface ParentCopyFinding extends RedactionFinding {
  /** Index of the section in the plan as given (before anything was withheld). */
  sectionIndex: number;
  field: 'heading' | 'text';
}

export interface ParentCopy {
  sections: DocumentSection[];
  findings: ParentCopyFinding[];
  /** Indexes (in the plan as given) of confidential sections left out: never in a family copy (R-CLASS-2). */
  confidentialWithheld: number[];
  /** Indexes of domestic-abuse sections replaced by WITHHELD_SECTION in a sensitive case (R-RED-DV). */
  sensitiveWithheld: number[];
  /** R-RED-DV: content was withheld for a sensitive case: the SW and chair must advise the victim. */
  adviseVictim: boolean;
}

export interface ProfessionalCopy {
  sections: DocumentSection[];
}

/**
 * R-DEL-PAR: the plan and minutes as the parents receive them.
 * - R-CLASS-2: confidential sections never appear, not even as a placeholder.
 * - R-RED-DV: in a case the chair marked sensitive, domestic-abuse sections are replaced by one line
 *   saying a section was withheld, for both parents alike (the copy is the same for each).
 * - R-RED-INIT: every identifying detail in what remains, headings included, becomes initials or a
 *   placeholder (ParentCopyRedactor).
 */
export function buildParentCopy(sections: readonly DocumentSection[], identity: CaseIdentity, sensitiveCase: boolean): ParentCopy {
  const decision = new SharePolicy().decide(sections, 'FAMILY');
  const shareable = new Set(decision.outcome === 'SHARE' ? decision.indexes : []);
  const redactor = new ParentCopyRedactor(identity);
  const copy: ParentCopy = { sections: [], findings: [], confidentialWithheld: [], sensitiveWithheld: [], adviseVictim: false };

  sections.forEach((section, sectionIndex) => {
    if (!shareable.has(sectionIndex)) {
      copy.confidentialWithheld.push(sectionIndex);
      return;
    }
    if (sensitiveCase && section.sensitivity === 'DOMESTIC_ABUSE') {
      copy.sensitiveWithheld.push(sectionIndex);
      copy.sections.push({ ...WITHHELD_SECTION });
      return;
    }
    const heading = redactor.redact(section.heading);
    const text = redactor.redact(section.text);
    copy.findings.push(
      ...heading.findings.map((finding) => ({ ...finding, sectionIndex, field: 'heading' as const })),
      ...text.findings.map((finding) => ({ ...finding, sectionIndex, field: 'text' as const })),
    );
    copy.sections.push({ heading: heading.text, text: text.text, classification: section.classification });
  });
  copy.adviseVictim = copy.sensitiveWithheld.length > 0;
  return copy;
}

/** R-DEL-PRO: the professionals' copy is the whole plan, confidential sections included, unredacted. */
export function buildProfessionalCopy(sections: readonly DocumentSection[]): ProfessionalCopy {
  const decision = new SharePolicy().decide(sections, 'PROFESSIONALS');
  return { sections: decision.outcome === 'SHARE' ? decision.sections.map((section) => ({ ...section })) : [] };
}
