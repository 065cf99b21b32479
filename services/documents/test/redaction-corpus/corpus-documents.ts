import type { CaseIdentity } from '../../src/domain/redaction/case-identity';
import { CORPUS_FAMILIES, type CorpusFamily } from './corpus-families';
import { everydayNameDocuments } from './corpus-everyday-names';
import { FREEFORM_DOCUMENTS } from './corpus-freeform';
import { heldAddress, LABEL_KINDS, type LabelKind } from './corpus-markup';
import { patternFormDocuments } from './corpus-pattern-forms';
import {
  attendanceSection,
  contactSection,
  contingencySection,
  type CorpusSection,
  decisionSection,
  domesticAbuseSection,
  everydayWordsSection,
  financesSection,
  headerSection,
  healthSection,
  newBabySection,
  parentsViewsSection,
  planSection,
  reasonSection,
  schoolSection,
  childsViewsSection,
} from './corpus-sections';

/** A planted detail (or, for "keep", a decoy) and where it stands in the document's plain text. */
export interface LabelledSpan {
  kind: LabelKind;
  start: number;
  end: number;
  text: string;
}

export interface LabelledDocument {
  id: string;
  identity: CaseIdentity;
  text: string;
  labels: LabelledSpan[];
}

/** Sections every set of minutes has, then a rotating choice so documents differ in content and order. */
const ROTATING: CorpusSection[] = [
  healthSection,
  contactSection,
  financesSection,
  childsViewsSection,
  parentsViewsSection,
  planSection,
  contingencySection,
  domesticAbuseSection,
  schoolSection,
  newBabySection,
  decisionSection,
];

function sectionsFor(index: number): CorpusSection[] {
  const picked = Array.from({ length: 6 }, (_, k) => ROTATING[(index * 3 + k * 2) % ROTATING.length]);
  return [headerSection, attendanceSection, reasonSection, ...new Set(picked), everydayWordsSection];
}

function identityOf(family: CorpusFamily): CaseIdentity {
  const people = [family.parent, family.otherAdult, family.child, ...(family.sibling ? [family.sibling] : [])];
  return {
    people: people.map(({ firstName, lastName, knownAs, dateOfBirth, role }) => ({ firstName, lastName, knownAs, dateOfBirth, role })),
    addresses: [heldAddress(family.home), heldAddress(family.otherHome)],
  };
}

const MARK = new RegExp(`⟦(${LABEL_KINDS.join('|')}):([^⟧]*)⟧`, 'gu');

/** Strips the ⟦kind:text⟧ marks and records where each marked text ends up in the plain text. */
export function parseMarkup(marked: string): { text: string; labels: LabelledSpan[] } {
  const labels: LabelledSpan[] = [];
  let text = '';
  let cursor = 0;
  for (const match of marked.matchAll(MARK)) {
    text += marked.slice(cursor, match.index);
    const [, kind, content] = match;
    labels.push({ kind: kind as LabelKind, start: text.length, end: text.length + content.length, text: content });
    text += content;
    cursor = match.index + match[0].length;
  }
  return { text: text + marked.slice(cursor), labels };
}

/**
 * The labelled corpus: minutes and plan for each fictional family (32), the hand-written ones, then
 * the generated forms of issue 9 item 7: lower-case everyday-word names and the ordinary words, and
 * per family the new pattern forms with their decoys, and names with letters that fold differently.
 */
export const REDACTION_CORPUS: LabelledDocument[] = [
  ...CORPUS_FAMILIES.map((family, index) => {
    const marked = sectionsFor(index)
      .map((section) => section(family, index))
      .join('\n\n');
    return { id: `minutes-${String(index + 1).padStart(2, '0')}`, identity: identityOf(family), ...parseMarkup(marked) };
  }),
  ...FREEFORM_DOCUMENTS.map(({ identity, marked }, index) => ({ id: `freeform-${index + 1}`, identity, ...parseMarkup(marked) })),
  ...everydayNameDocuments().map(({ identity, marked }, index) => ({ id: `everyday-${index + 1}`, identity, ...parseMarkup(marked) })),
  ...patternFormDocuments().map(({ identity, marked }, index) => ({ id: `forms-${index + 1}`, identity, ...parseMarkup(marked) })),
];
