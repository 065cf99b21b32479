import { type CaseIdentity, type CasePerson, initialOf, initialsOf } from './case-identity';
import { isEverydayWord, readsAsOrdinaryWord, type WordContext } from './everyday-word-context';
import { FoldedText, foldLatin } from './latin-fold';
import {
  escapeForPattern,
  type IdentifyingDetailFinder,
  NOT_AFTER_WORD,
  NOT_BEFORE_WORD,
  type RedactionCandidate,
} from './redaction-finding';

/** Words, initials ("A.S.", "S-J.") and single punctuation marks, for reading the context of a match. */
const TOKEN = /\p{Lu}(?:-\p{Lu})*\.(?:\p{Lu}(?:-\p{Lu})*\.)*|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu;
const INITIALS = /^\p{Lu}(?:-\p{Lu})*\.(?:\p{Lu}(?:-\p{Lu})*\.)*$/u;
const CONTEXT_CHARACTERS = 80;

interface NameVariant {
  /** The spelling as a pattern: apostrophes, hyphens and spaces match their common variants. */
  pattern: string;
  /** The same pattern anchored: which variants a match was. */
  exact: RegExp;
  person: CasePerson;
  /** A single everyday word: in lower case, redacted unless the context shows the word (everyday-word-context.ts). */
  everydayWord: boolean;
}

/**
 * R-RED-INIT: every name the case holds for each person (full name, first name, surname, each part
 * of a hyphenated name, nicknames) is replaced by the person's initials, whatever the letter case
 * or Latin diacritics ("Zoe" finds "Zoë", "Lukasz" "Łukasz", "Strauss" "Strauß", and back), on word boundaries; a possessive keeps its "'s"
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
    const folded = new FoldedText(text);
    for (const match of folded.text.matchAll(this.matcher)) {
      const { start, end } = folded.originalSpan(match.index, match.index + match[0].length);
      const written = text.slice(start, end);
      const matching = this.variants.filter((variant) => variant.exact.test(match[0]));
      if (matching.length === 0) continue;
      const lowerCaseWord = matching.every((variant) => variant.everydayWord) && written === written.toLowerCase();
      if (lowerCaseWord && readsAsOrdinaryWord(match[0], this.contextOf(folded.text, match.index, match.index + match[0].length))) continue;
      candidates.push({ kind: 'PERSON_NAME', start, end, replacement: replacementFor(matching, written) });
    }
    return candidates;
  }

  private contextOf(folded: string, start: number, end: number): WordContext {
    const tokens = (slice: string): string[] => [...slice.matchAll(TOKEN)].map((token) => token[0]);
    const before = tokens(folded.slice(Math.max(0, start - CONTEXT_CHARACTERS), start)).reverse();
    const rest = folded.slice(end, end + CONTEXT_CHARACTERS);
    const possessive = /^['’]s(?![\p{L}\p{N}])/u.test(rest);
    return {
      before: before.map((token) => (INITIALS.test(token) ? token : token.toLowerCase())),
      after: tokens(rest).map((token) => (INITIALS.test(token) ? token : token.toLowerCase())),
      possessive,
      isName: (token) => INITIALS.test(token) || this.variants.some((variant) => variant.exact.test(token)),
    };
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
    const spelling = foldLatin(name);
    if (spelling.replace(/[^\p{L}]/gu, '').length < 2) return;
    const singleWord = !/[\s\-‐–'’]/u.test(spelling.trim());
    const pattern = patternOf(spelling);
    variants.push({
      pattern,
      exact: new RegExp(`^(?:${pattern})$`, 'iu'),
      person,
      everydayWord: singleWord && isEverydayWord(spelling),
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
