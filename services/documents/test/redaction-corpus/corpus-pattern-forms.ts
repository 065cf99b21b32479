import type { CaseIdentity } from '../../src/domain/redaction/case-identity';
import { CORPUS_FAMILIES, type CorpusFamily } from './corpus-families';
import { dob, email, keep, name, nhs, ni, phone, postcode } from './corpus-markup';

/**
 * The forms issue 9 item 7 found slipping through, generated for every corpus family: 07 numbers in
 * every range (076 pagers, 070 personal numbers) and way of writing them, lower-case postcodes and
 * NI numbers, NHS numbers spaced any way, e-mails written out, dates of birth in words; and, beside
 * them, decoys of the same shapes that are no such detail.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ONES = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
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
  'twentieth',
];

const cardinal = (n: number): string => (n < 20 ? ONES[n] : `${TENS[Math.floor(n / 10)]}${n % 10 ? `-${ONES[n % 10]}` : ''}`);
const ordinalWord = (day: number): string =>
  day <= 20
    ? ORDINALS[day]
    : day === 30
      ? 'thirtieth'
      : `${TENS[Math.floor(day / 10)]}${day % 10 === 0 ? 'ieth' : ` ${ORDINALS[day % 10]}`}`;
const yearWords = (year: number, variant: number): string => {
  const rest = year % 100;
  if (variant % 2 === 0 || rest < 10) return `two thousand${variant % 3 === 0 ? ' and' : ''} ${cardinal(rest)}`;
  return `twenty ${cardinal(rest)}`;
};

/** A date of birth in words: "the fifteenth of February 2013", "fifteenth February two thousand and thirteen". */
export function dateInWords(iso: string, variant: number): string {
  const [year, month, day] = iso.split('-').map(Number);
  const forms = [
    `${ordinalWord(day)} of ${MONTHS[month - 1]} ${year}`,
    `${ordinalWord(day)} ${MONTHS[month - 1]} ${yearWords(year, variant)}`,
    `${ordinalWord(day)} of ${MONTHS[month - 1]}, ${yearWords(year, variant + 1)}`,
    `${MONTHS[month - 1]} the ${ordinalWord(day)}, ${year}`,
    `${MONTHS[month - 1]} ${ordinalWord(day)} ${yearWords(year, variant)}`,
  ];
  return forms[variant % forms.length];
}

/** A number in the 07 range from the family's own figures: 076 pagers and 070 personal numbers as well as mobiles. */
function numberIn(range: string, family: CorpusFamily): string {
  const digits = family.mobile.replace(/\D/g, '').replace(/^44/, '0');
  return `${range}${digits.slice(range.length)}`;
}

/** Every way of writing a UK number people use: +44, 0044, +44 (0), brackets, dots, dashes, any spacing. */
export function writtenNumber(national: string, variant: number): string {
  const n = national.slice(1);
  const forms = [
    `${national.slice(0, 5)} ${national.slice(5)}`,
    `+44 ${n.slice(0, 4)} ${n.slice(4)}`,
    `0044 ${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`,
    `+44 (0) ${n.slice(0, 4)} ${n.slice(4)}`,
    `+44(0)${n.slice(0, 4)}-${n.slice(4, 7)}-${n.slice(7)}`,
    `(${national.slice(0, 5)}) ${national.slice(5)}`,
    `${national.slice(0, 5)}.${national.slice(5, 8)}.${national.slice(8)}`,
    `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
    [...national].join(' '),
    `(+44) ${n.slice(0, 4)} ${n.slice(4)}`,
    `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`,
    `+44${n}`,
  ];
  return forms[variant % forms.length];
}

/** NHS numbers as people key them: 3 3 4, 3 7, 4 3 3, 2 4 4, mixed dashes. */
export function writtenNhs(number: string, variant: number): string {
  const cuts = [[3, 6], [3], [4, 7], [2, 6], [3, 6], [5]];
  const separators = [' ', ' ', ' ', ' ', '-', '-'];
  const cut = cuts[variant % cuts.length];
  const parts = [0, ...cut, 10].slice(1).map((end, index, ends) => number.slice(index === 0 ? 0 : ends[index - 1], end));
  return variant % cuts.length === 4 ? `${parts[0]}-${parts[1]} ${parts[2]}` : parts.join(separators[variant % separators.length]);
}

/** E-mail addresses written out so that mail filters miss them. */
export function writtenEmail(address: string, variant: number): string {
  const [local, domain] = address.split('@');
  const forms = [
    `${local} at ${domain.split('.').join(' dot ')}`,
    `${local} (at) ${domain.split('.').join(' (dot) ')}`,
    `${local} [at] ${domain.split('.').join('[dot]')}`,
    `${local} @ ${domain}`,
    `${local.split('.').join(' dot ')} at ${domain.split('.').join(' dot ')}`,
    `${local.toUpperCase()} AT ${domain.toUpperCase().split('.').join(' DOT ')}`,
    `${local}@ ${domain}`,
    `${local} at ${domain}`,
  ];
  return forms[variant % forms.length];
}

const lowerNi = (number: string, variant: number): string =>
  variant % 2 === 0 ? number.toLowerCase() : number.replace(/\s/g, '').toLowerCase();
const wrongCheckDigit = (number: string): string => `${number.slice(0, 9)}${(Number(number[9]) + 1) % 10}`;

/** Ordinary figures and dates in words that look like the details above and must stay. */
function decoys(f: CorpusFamily, v: number): string {
  const conferenceDay = ordinalWord((v % 27) + 1);
  return [
    `The conference was on the ${keep(`${conferenceDay} of ${MONTHS[(v + 3) % 12]} 2025`)} and the review is on the ${keep(`${ordinalWord(((v + 5) % 27) + 1)} of ${MONTHS[(v + 7) % 12]} twenty twenty-five`)}.`,
    `The school office is on the ${keep('b12 4th')} floor and the family met us ${keep('on 12 03 24')} at ${keep('07:30')}.`,
    `The referral reference is ${keep(writtenNhs(wrongCheckDigit(f.nhsNumber), v + 1))} and the sort code ${keep(`07-${String(10 + v).slice(-2)}-35`)}, account ${keep(`0762${String(3508 + v)}`)}.`,
    `Crime reference ${keep(`0762350802${v % 10}1`)} was quoted. We met at school. Then we went ${keep('at home dot to dot')} in the car.`,
    `Costs rose by ${keep('£1,240')} and ${keep('07 children')} were on the list; the ${keep('KS2 3rd year')} group meets.`,
  ].join(' ');
}

const FOLD_PEOPLE: Array<[string, string, string, string]> = [
  ['Łukasz', 'Wiśniewski', 'Lukasz', 'Wisniewski'],
  ['Bjørn', 'Ærø', 'Bjorn', 'Aero'],
  ['Sören', 'Strauß', 'Soren', 'Strauss'],
  ['Đorđe', 'Petrović', 'Dorde', 'Petrovic'],
  ['Aylin', 'Yıldız', 'Aylin', 'Yildiz'],
  ['Zoë', 'Œuvray', 'Zoe', 'Oeuvray'],
  ['Paweł', 'Głowacki', 'Pawel', 'Glowacki'],
  ['Søren', 'Kierkegård', 'Soren', 'Kierkegard'],
];

/** One document per family with the new forms, and one per letter-folding person, both ways round. */
export function patternFormDocuments(): Array<{ identity: CaseIdentity; marked: string }> {
  const families = CORPUS_FAMILIES.map((f, v) => {
    const child = f.sibling ?? f.child;
    const ranges = ['0760', '0765', '076', '070', '0769', '07'];
    const numbers = ranges.map((range, i) => phone(writtenNumber(numberIn(range, f), v + i * 5)));
    const other = CORPUS_FAMILIES[(v + 1) % CORPUS_FAMILIES.length].home.postcode;
    const identity: CaseIdentity = {
      people: [f.parent, f.otherAdult, f.child, ...(f.sibling ? [f.sibling] : [])].map(({ firstName, lastName, dateOfBirth, role }) => ({
        firstName,
        lastName,
        dateOfBirth,
        role,
      })),
      addresses: [],
    };
    const marked =
      `Contact sheet\nNumbers given: ${numbers.join(', ')}. E-mail: ${email(writtenEmail(f.email, v))}, or ${email(writtenEmail(f.email, v + 3))}. ` +
      `Post to the school at ${postcode(other.toLowerCase())} or the nursery at ${postcode(other.toLowerCase().replace(' ', ''))}. ` +
      `NI number ${ni(lowerNi(f.niNumber, v))}; NHS numbers ${nhs(writtenNhs(f.nhsNumber, v))} and ${nhs(writtenNhs(f.siblingNhsNumber, v + 2))}. ` +
      `The child was born on the ${dob(dateInWords(child.dateOfBirth!, v))}; ${dob(dateInWords(child.dateOfBirth!, v + 1))} is the date on the red book. ` +
      `\n${decoys(f, v)}`;
    return { identity, marked };
  });
  const folds = FOLD_PEOPLE.flatMap(([first, last, plainFirst, plainLast], v) => [
    {
      identity: { people: [{ firstName: first, lastName: last, role: 'PARENT' as const }], addresses: [] },
      marked: `${name(`${plainFirst} ${plainLast}`)} attended. ${name(plainFirst.toUpperCase())} said Mr ${name(plainLast)} was at work. ${name(`${first} ${last}`)} agreed. The ${keep('Social Worker')} (${v}) will visit.`,
    },
    {
      identity: { people: [{ firstName: plainFirst, lastName: plainLast, role: 'PARENT' as const }], addresses: [] },
      marked: `${name(`${first} ${last}`)} attended. ${name(first)} said Ms ${name(last.toUpperCase())} was at work. ${name(`${plainFirst} ${plainLast}`)} agreed.`,
    },
  ]);
  return [...families, ...folds];
}
