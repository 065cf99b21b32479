import type { CaseIdentity } from './case-identity';
import type { IdentifyingDetailFinder, RedactionCandidate } from './redaction-finding';
import { foldLatin } from './latin-fold';
import { TRAILING_UK_POSTCODE, UK_POSTCODE_PATTERN } from './uk-postcode';

/** What stands in a family copy for an address the case holds (R-RED-INIT): see ADDRESS_PLACEHOLDER's note. */
export const ADDRESS_PLACEHOLDER = '[address]';

/** Words that say a component is a street (after ABBREVIATIONS folded them to one spelling). */
const STREET_WORDS = new Set(
  (
    'road street avenue lane close drive gardens crescent court place terrace square grove way walk mews row ' +
    'hill park parade green rise vale view estate house mansions tower towers buildings cottages cottage wharf quay'
  ).split(' '),
);
const ABBREVIATIONS: Record<string, string> = {
  rd: 'road',
  st: 'street',
  str: 'street',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  cl: 'close',
  dr: 'drive',
  gdns: 'gardens',
  cres: 'crescent',
  ct: 'court',
  pl: 'place',
  ter: 'terrace',
  terr: 'terrace',
  sq: 'square',
  gr: 'grove',
  pde: 'parade',
  est: 'estate',
  ho: 'house',
  twr: 'tower',
  apt: 'apartment',
};
const UNIT_WORDS = new Set(['flat', 'apartment', 'unit', 'no', 'number', 'room']);
/** Between two words of one address in running text: spaces, one comma or semicolon, one line break. */
const ADDRESS_SEPARATOR = /^[ \t]*[,;]?[ \t]*(?:\r?\n[ \t]*)?$/u;
/** A word, or a whole postcode as one word whether written "W6 0AB" or "W60AB". */
const WORD = new RegExp(`(?<![\\p{L}\\p{N}])${UK_POSTCODE_PATTERN}(?![\\p{L}\\p{N}])|[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*`, 'giu');

interface Word {
  canonical: string;
  start: number;
  end: number;
}

/** An address the case holds, as canonical words, and the runs of them that identify it alone. */
interface HeldAddress {
  words: string[];
  /** For each word, the index of the component (comma-separated part) it belongs to. */
  componentOf: number[];
  /** [from, to) word ranges: a run of text covering one of them names the address. */
  identifyingCores: Array<[number, number]>;
}

/**
 * R-RED-INIT: each address the case holds is replaced by ADDRESS_PLACEHOLDER wherever it appears,
 * whole or in part ("12 Acacia Road", "Acacia Rd", "12 acacia road london w6 0ab"), whatever the
 * commas, spaces, line breaks, letter case or common abbreviations. A part counts when it names the
 * building or street ("Acacia Road", "Nightingale House"); a town alone ("London") or a flat number
 * alone does not, as neither says where the family lives. Postcodes are also caught by pattern.
 *
 * Why a placeholder rather than initials of the words: "12 A.R." keeps the house number and reads as
 * a clue; "[address]" tells the reader plainly that an address stood there and gives nothing away.
 */
export class CaseAddressFinder implements IdentifyingDetailFinder {
  private readonly held: HeldAddress[];
  /** Every word of every held address: a run can only start at one of them. */
  private readonly heldWords: Set<string>;

  constructor(identity: CaseIdentity) {
    this.held = identity.addresses.map((address) => heldAddressOf(address)).filter((address) => address.words.length > 0);
    this.heldWords = new Set(this.held.flatMap((address) => address.words));
  }

  find(text: string): RedactionCandidate[] {
    const words = wordsOf(text);
    const candidates: RedactionCandidate[] = [];
    let index = 0;
    while (index < words.length) {
      const length = this.heldWords.has(words[index].canonical) ? this.longestIdentifyingRunAt(text, words, index) : 0;
      if (length === 0) {
        index += 1;
        continue;
      }
      candidates.push({ kind: 'ADDRESS', start: words[index].start, end: words[index + length - 1].end, replacement: ADDRESS_PLACEHOLDER });
      index += length;
    }
    return candidates;
  }

  private longestIdentifyingRunAt(text: string, words: Word[], at: number): number {
    let longest = 0;
    for (const address of this.held) {
      address.words.forEach((word, from) => {
        if (word !== words[at].canonical) return;
        const matched = matchFrom(text, words, at, address, from);
        const identifies = address.identifyingCores.some(([coreFrom, coreTo]) => coversRange(matched, coreFrom, coreTo));
        if (identifies && matched.length > longest) longest = matched.length;
      });
    }
    return longest;
  }
}

/**
 * Follows the text word by word along the held address from one of its words. Within a component
 * the words must follow in order; at a component's end the text may skip components the writer
 * left out ("12 Acacia Road, W6 0AB" for "12 Acacia Road, Hammersmith, London W6 0AB").
 * Returns the held word indexes matched, one per text word.
 */
function matchFrom(text: string, words: Word[], at: number, address: HeldAddress, from: number): number[] {
  const matched = [from];
  while (at + matched.length < words.length) {
    const previous = words[at + matched.length - 1];
    const next = words[at + matched.length];
    if (!ADDRESS_SEPARATOR.test(text.slice(previous.end, next.start))) break;
    const held = matched[matched.length - 1];
    const following = nextHeldWord(address, held, next.canonical);
    if (following === undefined) break;
    matched.push(following);
  }
  return matched;
}

function coversRange(matched: number[], from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) if (!matched.includes(index)) return false;
  return true;
}

function nextHeldWord(address: HeldAddress, held: number, canonical: string): number | undefined {
  if (address.words[held + 1] === canonical && address.componentOf[held + 1] === address.componentOf[held]) return held + 1;
  const endsComponent = address.componentOf[held + 1] !== address.componentOf[held];
  if (!endsComponent) return undefined;
  for (let candidate = held + 1; candidate < address.words.length; candidate += 1) {
    const startsComponent = address.componentOf[candidate - 1] !== address.componentOf[candidate];
    if (startsComponent && address.words[candidate] === canonical) return candidate;
  }
  return undefined;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({
    canonical: canonicalWord(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

function canonicalWord(word: string): string {
  const folded = foldLatin(word)
    .toLowerCase()
    .replace(/['’\s]/gu, '');
  return ABBREVIATIONS[folded] ?? folded;
}

/**
 * Splits the address into components at commas and line breaks (a trailing postcode is its own
 * component). The components up to the street (flat, building, house number and street) identify
 * the home; what follows (district, town) does not, except the postcode.
 */
function heldAddressOf(address: string): HeldAddress {
  const postcode = address.match(TRAILING_UK_POSTCODE);
  const body = postcode ? address.slice(0, postcode.index) : address;
  const components = body
    .split(/[,\n;]/u)
    .map((component) => wordsOf(component).map((word) => word.canonical))
    .filter((component) => component.length > 0);
  if (postcode) components.push(wordsOf(postcode[1]).map((word) => word.canonical));

  const streetAt = indexOfStreet(components);
  const words: string[] = [];
  const componentOf: number[] = [];
  const identifyingCores: Array<[number, number]> = [];
  components.forEach((component, componentIndex) => {
    const offset = words.length;
    words.push(...component);
    componentOf.push(...component.map(() => componentIndex));
    const isPostcode = postcode !== null && componentIndex === components.length - 1;
    if (isPostcode) identifyingCores.push([offset, offset + component.length]);
    else if (componentIndex <= streetAt) {
      const core = coreOf(component, componentIndex === streetAt);
      if (core) identifyingCores.push([offset + core[0], offset + core[1]]);
    }
  });
  return { words, componentOf, identifyingCores };
}

/** The last component naming a street or starting with a house number: "Flat 4, Beacon Court, 33 Holloway Lane" -> the third. */
function indexOfStreet(components: string[][]): number {
  let street = 0;
  components.forEach((component, index) => {
    if (component.some((word) => STREET_WORDS.has(word)) || /^\d/u.test(component[0])) street = index;
  });
  return street;
}

/** The words that name the place: without a leading flat or house number, and ending at the street word. */
function coreOf(component: string[], isStreet: boolean): [number, number] | undefined {
  let from = 0;
  while (from < component.length && (UNIT_WORDS.has(component[from]) || /^\d+[a-z]?$/u.test(component[from]))) from += 1;
  let to = component.length;
  if (isStreet) {
    const lastStreetWord = component.reduce((last, word, index) => (STREET_WORDS.has(word) && index >= from ? index : last), -1);
    if (lastStreetWord >= from) to = lastStreetWord + 1;
  }
  return from < to ? [from, to] : undefined;
}
