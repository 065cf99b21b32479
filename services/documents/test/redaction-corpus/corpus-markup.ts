import type { CorpusAddress, CorpusPerson } from './corpus-families';

/**
 * The corpus marks each planted detail inline as ⟦kind:text⟧; corpus-documents.ts strips the marks
 * and records each span. "keep" marks a decoy that must survive redaction untouched; "word" marks an
 * everyday word that is also a name the case holds, used as the word, which must survive too.
 */
export const LABEL_KINDS = ['name', 'nickname', 'address', 'postcode', 'phone', 'email', 'nhs', 'ni', 'dob', 'keep', 'word'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

const mark =
  (kind: LabelKind) =>
  (text: string): string =>
    `⟦${kind}:${text}⟧`;
export const name = mark('name');
export const address = mark('address');
export const postcode = mark('postcode');
export const phone = mark('phone');
export const email = mark('email');
export const nhs = mark('nhs');
export const ni = mark('ni');
export const dob = mark('dob');
export const keep = mark('keep');
export const word = mark('word');
export const nickname = mark('nickname');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ordinal = (day: number): string =>
  `${day}${day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th'}`;
const pad = (value: number): string => String(value).padStart(2, '0');

/** A date written in one of the common ways (the variant picks which). */
export function writtenDate(isoDate: string, variant: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const monthName = MONTHS[month - 1];
  const forms = [
    `${pad(day)}/${pad(month)}/${year}`,
    `${day}/${month}/${year}`,
    `${day} ${monthName} ${year}`,
    `${ordinal(day)} ${monthName} ${year}`,
    isoDate,
    `${ordinal(day)} of ${monthName} ${year}`,
    `${monthName} ${day}, ${year}`,
    `${pad(day)}.${pad(month)}.${String(year).slice(2)}`,
    `${day} ${monthName.slice(0, 3)} ${year}`,
  ];
  return forms[variant % forms.length];
}

/** A UK mobile as people write it: spaced, run together, +44, +44 (0), dashed. */
export function writtenMobile(mobile: string, variant: number): string {
  const digits = mobile.replace(/\D/g, '').replace(/^44/, '0');
  const national = digits.slice(1);
  const forms = [
    `${digits.slice(0, 5)} ${digits.slice(5)}`,
    digits,
    `+44 ${national.slice(0, 4)} ${national.slice(4)}`,
    `+44 (0)${national.slice(0, 4)} ${national.slice(4)}`,
    `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`,
    `+44${national}`,
    `${digits.slice(0, 5)}-${digits.slice(5)}`,
  ];
  return forms[variant % forms.length];
}

export function writtenNhsNumber(number: string, variant: number): string {
  const forms = [
    `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`,
    number,
    `${number.slice(0, 3)}-${number.slice(3, 6)}-${number.slice(6)}`,
  ];
  return forms[variant % forms.length];
}

export function writtenNiNumber(number: string, variant: number): string {
  const compact = number.replace(/\s/g, '');
  const forms = [
    `${compact.slice(0, 2)} ${compact.slice(2, 4)} ${compact.slice(4, 6)} ${compact.slice(6, 8)} ${compact.slice(8)}`,
    compact,
  ];
  return forms[variant % forms.length];
}

/** The address as the case holds it. */
export function heldAddress(home: CorpusAddress): string {
  return [home.flat, home.street, home.district, `${home.town} ${home.postcode}`].filter(Boolean).join(', ');
}

const ABBREVIATED: Array<[RegExp, string]> = [
  [/Road$/, 'Rd'],
  [/Street$/, 'St'],
  [/Avenue$/, 'Ave'],
  [/Crescent$/, 'Cres'],
  [/Gardens$/, 'Gdns'],
  [/Close$/, 'Cl'],
  [/Lane$/, 'Ln'],
  [/Drive$/, 'Dr'],
];

/** The address as minutes write it: whole, in part, on lines, abbreviated, in capitals (marked up). */
export function writtenAddress(home: CorpusAddress, variant: number): string {
  const streetOnly = home.street.replace(/^\d+[a-z]?\s+/, '');
  const abbreviated = ABBREVIATED.reduce((street, [pattern, short]) => street.replace(pattern, short), home.street);
  const forms = [
    address(heldAddress(home)),
    address(home.street),
    address(`${home.street}, ${home.town}`),
    address(streetOnly),
    address(`${home.street.toLowerCase()} ${home.postcode.toLowerCase()}`),
    address([home.flat, home.street, home.town, home.postcode].filter(Boolean).join('\n')),
    address(`${abbreviated}, ${home.postcode.replace(' ', '')}`),
    address(heldAddress(home).toUpperCase()),
  ];
  return forms[variant % forms.length];
}

const title = (person: CorpusPerson): string =>
  person.relation === 'mother' || person.relation.includes('grandmother') ? 'Ms' : person.role === 'CHILD' ? '' : 'Mr';

/** A person as minutes write them: full name, first name, title and surname, nickname, capitals. */
export function writtenName(person: CorpusPerson, variant: number): string {
  const forms = [
    name(`${person.firstName} ${person.lastName}`),
    name(person.firstName),
    title(person) ? `${title(person)} ${name(person.lastName)}` : name(person.firstName),
    person.knownAs?.[0] ? nickname(person.knownAs[0]) : name(person.firstName),
    name(person.firstName),
    name(`${person.firstName} ${person.lastName}`.toUpperCase()),
  ];
  return forms[variant % forms.length];
}

/** "Amy's", "Kez's", "Ms Stone's", "James'" (marked up). */
export function possessive(person: CorpusPerson, variant: number): string {
  const written = writtenName(person, variant === 5 ? 1 : variant);
  return written.endsWith('s⟧') ? `${written}'` : `${written}'s`;
}
