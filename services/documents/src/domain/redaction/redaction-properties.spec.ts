import fc from 'fast-check';
import { dateInWords, writtenEmail, writtenNhs, writtenNumber } from '../../../test/redaction-corpus/corpus-pattern-forms';
import type { CaseIdentity } from './case-identity';
import { foldLatin } from './latin-fold';
import { isValidNhsNumber } from './official-number-finder';
import { ParentCopyRedactor } from './parent-copy-redactor';

const SYLLABLES = ['ka', 'ro', 'li', 'mu', 'sen', 'tar', 'vo', 'ne', 'dri', 'fa', 'qui', 'zo'];
const FILLER = [
  'the',
  'social',
  'worker',
  'visited',
  'school',
  'said',
  'and',
  'plan',
  'agreed',
  'on',
  'Monday',
  'with',
  'police',
  'health',
];

const nameArbitrary = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 3 })
  .map((syllables) => syllables.join(''))
  .map((name) => name[0].toUpperCase() + name.slice(1));
const personArbitrary = fc.record({
  firstName: nameArbitrary,
  lastName: fc.oneof(
    nameArbitrary,
    fc.tuple(nameArbitrary, nameArbitrary).map(([a, b]) => `${a}-${b}`),
    nameArbitrary.map((n) => `O'${n}`),
  ),
});
const writtenAs = fc.constantFrom<(name: string) => string>(
  (name) => name,
  (name) => name.toUpperCase(),
  (name) => name.toLowerCase(),
  (name) => `${name}'s`,
  (name) => name.replace("'", '’'),
);
const asWord = (name: string): RegExp => new RegExp(`(?<![\\p{L}])${name.replace(/[-'’]/g, '.?')}(?![\\p{L}])`, 'iu');

describe('ParentCopyRedactor properties (R-RED-INIT)', () => {
  it('R-RED-INIT (property): no name a case holds survives, whatever its case, possessive or apostrophe', () => {
    fc.assert(
      fc.property(
        fc.array(personArbitrary, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.constantFrom(...FILLER), fc.nat(), fc.constantFrom('first', 'last', 'full'), writtenAs), {
          minLength: 1,
          maxLength: 12,
        }),
        (people, pieces) => {
          const identity: CaseIdentity = { people: people.map((person) => ({ ...person, role: 'PARENT' })), addresses: [] };
          const text = pieces
            .map(([filler, which, part, write]) => {
              const person = people[which % people.length];
              const name =
                part === 'first' ? person.firstName : part === 'last' ? person.lastName : `${person.firstName} ${person.lastName}`;
              return `${filler} ${write(name)}`;
            })
            .join(' ');
          const { text: redacted } = new ParentCopyRedactor(identity).redact(text);
          for (const person of people) {
            expect(redacted).not.toMatch(asWord(person.firstName));
            expect(redacted).not.toMatch(asWord(person.lastName));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('findings describe exactly what was replaced, in order, without overlaps', () => {
    const identity: CaseIdentity = {
      people: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02', role: 'CHILD' }],
      addresses: ['12 Acacia Road, London W6 0AB'],
    };
    const pieces = [
      'Amy',
      'Stone',
      '12 Acacia Road',
      'W6 0AB',
      '07911 123456',
      '02/04/2018',
      'a.b@example.com',
      'the plan',
      ', ',
      '\n',
      ' ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        const { text: redacted, findings } = new ParentCopyRedactor(identity).redact(text);
        let rebuilt = '';
        let cursor = 0;
        for (const finding of findings) {
          expect(finding.start).toBeGreaterThanOrEqual(cursor);
          expect(text.slice(finding.start, finding.end)).toBe(finding.original);
          rebuilt += text.slice(cursor, finding.start) + finding.replacement;
          cursor = finding.end;
        }
        expect(rebuilt + text.slice(cursor)).toBe(redacted);
      }),
      { numRuns: 500 },
    );
  });

  /** Issue 9 item 7's forms: lower-case everyday-word names, folding letters, 07 numbers, NI, NHS, e-mails, dates of birth in words. */
  const everydayName = fc.constantFrom('grace', 'rose', 'hope', 'will', 'joy', 'faith', 'mark', 'ruby', 'poppy', 'summer', 'dawn', 'holly');
  const foldingName = fc.constantFrom(
    ['Łukasz', 'Lukasz'],
    ['Strauß', 'Strauss'],
    ['Bjørn', 'Bjorn'],
    ['Ærø', 'Aero'],
    ['Yıldız', 'Yildiz'],
    ['Đorđe', 'Dorde'],
    ['Œuvray', 'Oeuvray'],
  );
  const namePlace = fc.constantFrom(
    '{} said she was tired',
    'the SW told {} that',
    "{}'s teacher rang",
    'her daughter {} is well',
    'mum and {} came',
    'spoke to {} today',
    '{} wants to go home',
  );
  const digits = (length: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
  const mobile = fc
    .tuple(fc.constantFrom('070', '071', '072', '073', '074', '075', '076', '077', '078', '079'), digits(8))
    .map(([r, d]) => `${r}${d}`);
  const nhsNumber = digits(9)
    .map((nine) => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((check) => `${nine}${check}`).find((number) => isValidNhsNumber(number)))
    .filter((number): number is string => number !== undefined);
  const birthDate = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2024-12-31'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  const niNumber = fc
    .tuple(fc.constantFrom('jt', 'pe', 'ab', 'kr', 'wl', 'hx', 'sn'), digits(6), fc.constantFrom('a', 'b', 'c', 'd'))
    .map(([p, d, s]) => `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}`);

  it('R-RED-INIT (property): none of the new forms of a held or identifying detail survives', () => {
    fc.assert(
      fc.property(
        everydayName,
        foldingName,
        fc.boolean(),
        namePlace,
        mobile,
        nhsNumber,
        niNumber,
        birthDate,
        fc.nat(),
        (word, [folding, plain], foldedInText, place, phone, nhs, ni, born, variant) => {
          const first = word[0].toUpperCase() + word.slice(1);
          const identity: CaseIdentity = {
            people: [
              { firstName: first, lastName: foldedInText ? folding : plain, dateOfBirth: born, role: 'CHILD' },
              { firstName: 'Dana', lastName: foldedInText ? plain : folding, role: 'PARENT' },
            ],
            addresses: [],
          };
          const email = `${word}.${plain.toLowerCase()}@example.org`;
          const text = [
            place.replace('{}', word),
            `Ms ${foldedInText ? plain : folding} and Dana ${foldedInText ? folding : plain} attended.`,
            `Call ${writtenNumber(phone, variant)} or write to ${writtenEmail(email, variant)}.`,
            `NI ${variant % 2 ? ni : ni.replace(/ /g, '')}, NHS ${writtenNhs(nhs, variant)}.`,
            `Born on the ${dateInWords(born, variant)}.`,
          ].join(' ');
          const redacted = foldLatin(new ParentCopyRedactor(identity).redact(text).text);
          expect(redacted).not.toMatch(new RegExp(`(?<![\\p{L}])(?:${word}|${foldLatin(plain)})(?![\\p{L}])`, 'iu'));
          // Every figure in this text identifies someone: none may survive, in figures or words.
          expect(redacted).not.toMatch(/\d/u);
          expect(redacted).not.toMatch(/example|@|\bat\b.*\bdot\b/iu);
          const month = new Date(`${born}T00:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
          expect(redacted).not.toContain(month);
        },
      ),
      { numRuns: 500 },
    );
  });
});
