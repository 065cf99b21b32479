import { CaseAddressFinder } from './case-address-finder';
import type { CaseIdentity } from './case-identity';
import { CaseNameFinder } from './case-name-finder';
import { ContactDetailFinder } from './contact-detail-finder';
import { DateOfBirthFinder } from './date-of-birth-finder';
import { OfficialNumberFinder } from './official-number-finder';
import type { IdentifyingDetailFinder, RedactionCandidate, RedactionFinding, RedactionKind } from './redaction-finding';

export interface RedactedText {
  text: string;
  /** Each replacement made, in order, with its offsets in the original text: for audit and review. */
  findings: RedactionFinding[];
}

/** When two finders claim overlapping text, the merged span is reported as the most specific kind. */
const KIND_PRECEDENCE: RedactionKind[] = [
  'ADDRESS',
  'PERSON_NAME',
  'DATE_OF_BIRTH',
  'NHS_NUMBER',
  'NI_NUMBER',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'POSTCODE',
];

/**
 * R-RED-INIT: the parents' copy has every identifying detail replaced by initials (people) or a
 * plain placeholder (addresses, numbers, contact details, dates of birth): what the case holds,
 * matched exactly in every spelling, plus patterns that prove themselves (validated postcodes,
 * libphonenumber-valid phone numbers, checksummed NHS numbers, issued NI prefixes). Initials
 * already in the text stay. Overlapping claims are merged, so no fragment of a detail survives.
 */
export class ParentCopyRedactor {
  private readonly finders: IdentifyingDetailFinder[];

  constructor(identity: CaseIdentity) {
    this.finders = [
      new CaseAddressFinder(identity),
      new CaseNameFinder(identity),
      new DateOfBirthFinder(identity),
      new OfficialNumberFinder(),
      new ContactDetailFinder(),
    ];
  }

  redact(text: string): RedactedText {
    const spans = mergeOverlapping(this.finders.flatMap((finder) => finder.find(text)));
    const findings = spans.map((span) => ({ ...span, original: text.slice(span.start, span.end) }));
    let redacted = '';
    let cursor = 0;
    for (const finding of findings) {
      redacted += text.slice(cursor, finding.start) + finding.replacement;
      cursor = finding.end;
    }
    return { text: redacted + text.slice(cursor), findings };
  }
}

function mergeOverlapping(candidates: RedactionCandidate[]): RedactionCandidate[] {
  const ordered = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Array<{ span: RedactionCandidate; parts: RedactionCandidate[] }> = [];
  for (const candidate of ordered) {
    const last = merged[merged.length - 1];
    if (last && candidate.start < last.span.end) {
      last.parts.push(candidate);
      last.span = { ...last.span, end: Math.max(last.span.end, candidate.end) };
    } else {
      merged.push({ span: candidate, parts: [candidate] });
    }
  }
  return merged.map(({ span, parts }) => {
    if (parts.length === 1) return span;
    const covering = parts.find((part) => part.start === span.start && part.end === span.end);
    const chosen = covering ?? [...parts].sort((a, b) => KIND_PRECEDENCE.indexOf(a.kind) - KIND_PRECEDENCE.indexOf(b.kind))[0];
    return { ...span, kind: chosen.kind, replacement: chosen.replacement };
  });
}
