import { type CaseIdentity, type CasePerson, initialOf, initialsOf } from './case-identity';
import {
  escapeForPattern,
  type IdentifyingDetailFinder,
  NOT_AFTER_WORD,
  NOT_BEFORE_WORD,
  type RedactionCandidate,
  withoutAccentsKeepingOffsets,
} from './redaction-finding';

/**
 * Names that are also everyday words. Where the case holds one ("Will", "Hope", "Stone"), it is
 * still redacted when written as a name (capitalised or in capitals), but not in lower case,
 * where it is the word: otherwise "the SW will visit" would read "the SW W.S. visit".
 */
const EVERYDAY_WORDS = new Set(
  (
    'will hope grace rose may june april august summer joy faith mark bill pat sue guy dawn amber ruby jack frank ' +
    'holly ivy iris lily daisy poppy violet olive pearl jade sky river brook heather hazel robin jay drew dean ' +
    'chase hunter miles max sunny rich ray art gene don stone wood brown green white black young king hill bell ' +
    'cook baker fox hunt lane moss bush marsh field ford price page day long short small law love sharp wise best ' +
    'church hall house street rivers fields waters banks gold silver brook booth major mason carter faith star'
  ).split(' '),
);

interface NameVariant {
  /** The spelling as a pattern: apostrophes, hyphens and spaces match their common variants. */
  pattern: string;
  /** The same pattern anchored: which variants a match was. */
  exact: RegExp;
  person: CasePerson;
  /** A single everyday word: not matched when written all in lower case. */
  everydayWord: boolean;
}

/**
 * R-RED-INIT: every name the case holds for each person (full name, first name, surname, each part
 * of a hyphenated name, nicknames) is replaced by the person's initials, whatever the letter case
 * or accents ("Zoe" finds "Zoë" and back), on word boundaries; a possessive keeps its "'s"
 * ("Amy's" -> "A.S.'s").
 * A name shared by people with different initials gives only its own initial ("Stone" for a
 * mother and son -> "S."; "O'Neill" for Siobhan O'Neill and Liam O'Neill-Hart -> "O."), so the
 * copy never attributes words to the wrong person.
 */
export class CaseNameFinder implements IdentifyingDetailFinder {
  private readonly variants: NameVariant[];
  private readonly matcher: RegExp | undefined;

  constructor(identity: CaseIdentity) {
    this.variants = identity.people.flatMap((person) => variantsOf(person));
    const alternatives = [...new Set(this.variants.map((variant) => variant.pattern))].sort((a, b) => b.length - a.length);
    this.matcher =
      alternatives.length === 0 ? undefined : new RegExp(`${NOT_AFTER_WORD}(?:${alternatives.join('|')})${NOT_BEFORE_WORD}`, 'giu');
  }

  find(text: string): RedactionCandidate[] {
    if (!this.matcher) return [];
    const candidates: RedactionCandidate[] = [];
    for (const match of withoutAccentsKeepingOffsets(text).matchAll(this.matcher)) {
      const written = text.slice(match.index, match.index + match[0].length);
      const folded = match[0];
      const matching = this.variants.filter((variant) => variant.exact.test(folded));
      if (matching.length === 0) continue;
      if (matching.every((variant) => variant.everydayWord) && written === written.toLowerCase()) continue;
      candidates.push({
        kind: 'PERSON_NAME',
        start: match.index,
        end: match.index + written.length,
        replacement: replacementFor(matching, written),
      });
    }
    return candidates;
  }
}

/** One person's initials; where the name written is shared by people with different initials, its own initial. */
function replacementFor(matching: NameVariant[], written: string): string {
  const initials = new Set(matching.map((variant) => initialsOf(variant.person)));
  return initials.size === 1 ? [...initials][0] : `${initialOf(written)}.`;
}

function variantsOf(person: CasePerson): NameVariant[] {
  const first = person.firstName.trim();
  const last = person.lastName.trim();
  const nicknames = (person.knownAs ?? []).map((name) => name.trim()).filter((name) => name.length > 0);
  const variants: NameVariant[] = [];
  const add = (name: string): void => {
    const spelling = withoutAccentsKeepingOffsets(name);
    if (spelling.replace(/[^\p{L}]/gu, '').length < 2) return;
    const singleWord = !/[\s\-‐–'’]/u.test(spelling.trim());
    const pattern = patternOf(spelling);
    variants.push({
      pattern,
      exact: new RegExp(`^(?:${pattern})$`, 'iu'),
      person,
      everydayWord: singleWord && EVERYDAY_WORDS.has(spelling.toLowerCase()),
    });
  };
  add(`${first} ${last}`);
  for (const nickname of nicknames) add(`${nickname} ${last}`);
  add(first);
  add(last);
  for (const part of hyphenatedParts(first)) add(part);
  for (const part of hyphenatedParts(last)) add(part);
  for (const nickname of nicknames) add(nickname);
  return variants;
}

function hyphenatedParts(name: string): string[] {
  const parts = name.split(/\s*[-‐–]\s*/u).filter((part) => part.length > 0);
  return parts.length > 1 ? parts : [];
}

/** "O'Neill" also matches O’Neill, ONeill and O Neill; "Smith-Jones" also Smith Jones and Smith – Jones. */
function patternOf(name: string): string {
  return name
    .trim()
    .split(/(\s+|[-‐–]|['’‘`])/u)
    .filter((piece) => piece !== '')
    .map((piece) => {
      if (/^\s+$/u.test(piece)) return '\\s+';
      if (/^[-‐–]$/u.test(piece)) return '\\s*[-‐–\\s]\\s*';
      if (/^['’‘`]$/u.test(piece)) return "(?:['’‘`]|\\s)?";
      return escapeForPattern(piece);
    })
    .join('');
}
