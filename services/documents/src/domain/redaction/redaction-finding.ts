/** What kind of identifying detail was replaced (R-RED-INIT). */
export type RedactionKind =
  'PERSON_NAME' | 'ADDRESS' | 'POSTCODE' | 'PHONE_NUMBER' | 'EMAIL_ADDRESS' | 'NHS_NUMBER' | 'NI_NUMBER' | 'DATE_OF_BIRTH';

/** A span a finder proposes to replace; offsets are UTF-16 indexes into the original text. */
export interface RedactionCandidate {
  kind: RedactionKind;
  start: number;
  end: number;
  replacement: string;
}

/** A replacement made, kept for audit and for the chair's review before the copy goes out. */
export interface RedactionFinding extends RedactionCandidate {
  /** The text that was replaced, exactly as it stood. */
  original: string;
}

/** Something in a text that identifies the family: each finder looks for one kind of it. */
export interface IdentifyingDetailFinder {
  find(text: string): RedactionCandidate[];
}

/** Letters and digits of any script: the edges of a "word" for matching names and numbers. */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';

export function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function candidateAt(kind: RedactionKind, start: number, original: string, replacement: string): RedactionCandidate {
  return { kind, start, end: start + original.length, replacement };
}
