/**
 * Days and years written in words, for dates of birth (R-RED-INIT): "the fifteenth of February",
 * "twenty-first", "two thousand and thirteen", "twenty thirteen", "nineteen ninety-eight".
 * Each function returns a regular-expression source; spaces and hyphens between words vary.
 */
const UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ORDINAL_TEENS = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth'];
/** Between the words of one number: "twenty-one", "twenty one", "twenty - one". */
const JOIN = '(?:\\s*[-‐–]\\s*|\\s+)';

/** 1 to 99 in words: "seven", "thirteen", "twenty-one". */
function numberInWords(value: number): string {
  if (value < 10) return UNITS[value];
  if (value < 20) return TEENS[value - 10];
  const [tens, units] = [Math.floor(value / 10), value % 10];
  return units === 0 ? TENS[tens] : `${TENS[tens]}${JOIN}${UNITS[units]}`;
}

/** The day of the month as an ordinal in words: 1 -> "first", 21 -> "twenty-first". */
export function dayInWords(day: number): string {
  if (day < 10) return ORDINAL_UNITS[day];
  if (day < 20) return ORDINAL_TEENS[day - 10];
  const [tens, units] = [Math.floor(day / 10), day % 10];
  return units === 0 ? ORDINAL_TENS[tens] : `${TENS[tens]}${JOIN}${ORDINAL_UNITS[units]}`;
}

/** Every ordinal day in words, 1 to 31. */
export const ANY_DAY_IN_WORDS = `(?:${Array.from({ length: 31 }, (_, index) => dayInWords(31 - index)).join('|')})`;

/** A year as people say it: 2013 -> "two thousand and thirteen", "two thousand thirteen", "twenty thirteen"; 1998 -> "nineteen ninety-eight". */
export function yearInWords(year: number): string {
  const [century, rest] = [Math.floor(year / 100), year % 100];
  const forms: string[] = [];
  if (century === 20) {
    forms.push(rest === 0 ? `two${JOIN}thousand` : `two${JOIN}thousand(?:\\s+and)?\\s+${numberInWords(rest)}`);
    if (rest >= 10) forms.push(`twenty\\s+${numberInWords(rest)}`);
    if (rest > 0 && rest < 10) forms.push(`twenty\\s+(?:oh|o|nought)\\s+${numberInWords(rest)}`);
  } else if (century >= 10 && century < 20 && rest >= 10) {
    forms.push(`${numberInWords(century)}\\s+${numberInWords(rest)}`);
  } else if (century >= 10 && century < 20 && rest > 0) {
    forms.push(`${numberInWords(century)}\\s+(?:oh|o|hundred\\s+and)\\s+${numberInWords(rest)}`);
  }
  return forms.length === 0 ? '(?!)' : `(?:${forms.join('|')})`;
}

/** Any year from 1900 to 2099 in words. */
export const ANY_YEAR_IN_WORDS = (() => {
  const number = `(?:${Array.from({ length: 99 }, (_, index) => numberInWords(99 - index)).join('|')})`;
  return `(?:two${JOIN}thousand(?:(?:\\s+and)?\\s+${number})?|twenty\\s+(?:(?:oh|o|nought)\\s+)?${number}|nineteen\\s+(?:oh\\s+|o\\s+|hundred\\s+and\\s+)?${number})`;
})();
