import type { CaseIdentity } from './case-identity';
import { ANY_DAY_IN_WORDS, ANY_YEAR_IN_WORDS, dayInWords, yearInWords } from './date-in-words';
import { candidateAt, type IdentifyingDetailFinder, NOT_AFTER_WORD, NOT_BEFORE_WORD, type RedactionCandidate } from './redaction-finding';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINAL = '(?:st|nd|rd|th)?';
const DATE_SEPARATOR = '\\s?[/.\\-]\\s?';

/** A month written out or shortened: "April", "Apr", "Apr.", "Sept". */
function monthPattern(month: string): string {
  const short = month.slice(0, 3);
  const extra = month === 'September' ? '|Sept\\.?' : '';
  return `(?:${month}|${short}\\.?${extra})`;
}
const ANY_MONTH = `(?:${MONTHS.map(monthPattern).join('|')})`;

/** Any common written date, used only where the words say it is a date of birth. */
const ANY_DAY = `(?:\\d{1,2}${ORDINAL}|${ANY_DAY_IN_WORDS})`;
const ANY_YEAR = `(?:\\d{4}|${ANY_YEAR_IN_WORDS})`;
const ANY_DATE = [
  `\\d{1,2}${DATE_SEPARATOR}\\d{1,2}${DATE_SEPARATOR}(?:\\d{4}|\\d{2})`,
  `\\d{4}-\\d{1,2}-\\d{1,2}`,
  `${ANY_DAY}(?:\\s+of)?\\s+${ANY_MONTH},?\\s+${ANY_YEAR}`,
  `${ANY_MONTH}\\s+(?:the\\s+)?${ANY_DAY},?\\s+${ANY_YEAR}`,
  `${ANY_MONTH},?\\s+${ANY_YEAR}`,
].join('|');
/** "DOB", "D.O.B.", "date of birth", "born", "born on/in", then ":", "-", "is" or "was" (or nothing). */
const AFTER_BIRTH_WORDS = new RegExp(
  `(?:${NOT_AFTER_WORD}D\\.?O\\.?B\\b\\.?|${NOT_AFTER_WORD}date\\s+of\\s+birth|${NOT_AFTER_WORD}born(?:\\s+on|\\s+in)?)` +
    `\\s*(?:[:\\-–]|is|was)?\\s*(?:the\\s+)?(${ANY_DATE})${NOT_BEFORE_WORD}`,
  'giu',
);

/**
 * R-RED-INIT: dates of birth. Every date of birth the case holds is found in any common written
 * form (02/04/2018, 2.4.18, 2 April 2018, 2nd of April 2018, April 2nd, 2018, 2018-04-02, the second
 * of April twenty eighteen, April the second, two thousand and eighteen); any
 * other date is redacted only where the words before it say it is a date of birth ("DOB", "born").
 * Other dates (the conference, visits, incidents) stay: the family needs them.
 */
export class DateOfBirthFinder implements IdentifyingDetailFinder {
  private readonly heldDates: RegExp | undefined;

  constructor(identity: CaseIdentity) {
    const patterns = [
      ...new Set(identity.people.flatMap((person) => (person.dateOfBirth ? [heldDatePattern(person.dateOfBirth)] : []))),
    ].filter((pattern): pattern is string => pattern !== undefined);
    this.heldDates = patterns.length === 0 ? undefined : new RegExp(`${NOT_AFTER_WORD}(?:${patterns.join('|')})${NOT_BEFORE_WORD}`, 'giu');
  }

  find(text: string): RedactionCandidate[] {
    const held = this.heldDates
      ? [...text.matchAll(this.heldDates)].map((match) => candidateAt('DATE_OF_BIRTH', match.index, match[0], '[date of birth]'))
      : [];
    const introduced = [...text.matchAll(AFTER_BIRTH_WORDS)].map((match) => {
      const date = match[1];
      return candidateAt('DATE_OF_BIRTH', match.index + match[0].length - date.length, date, '[date of birth]');
    });
    return [...held, ...introduced];
  }
}

/** Every common way of writing one calendar date, UK order (day before month) for figures. */
function heldDatePattern(isoDate: string): string | undefined {
  const parsed = /^(\d{4})-(\d{2})-(\d{2})/u.exec(isoDate.trim());
  if (!parsed) return undefined;
  const [year, month, day] = [Number(parsed[1]), Number(parsed[2]), Number(parsed[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = `0?${day}`;
  const m = `0?${month}`;
  const yyyy = String(year);
  const yy = yyyy.slice(2);
  const monthName = monthPattern(MONTHS[month - 1]);
  const dayWritten = `(?:${d}${ORDINAL}|${dayInWords(day)})`;
  const yearWritten = `(?:${yyyy}|${yearInWords(year)})`;
  return [
    `${d}${DATE_SEPARATOR}${m}${DATE_SEPARATOR}(?:${yyyy}|${yy})`,
    `${yyyy}${DATE_SEPARATOR}${m}${DATE_SEPARATOR}${d}`,
    `${dayWritten}(?:\\s+of)?\\s+${monthName},?\\s+${yearWritten}`,
    `${monthName}\\s+(?:the\\s+)?${dayWritten},?\\s+${yearWritten}`,
  ].join('|');
}
