import fc from 'fast-check';
import type { CaseIdentity } from './case-identity';
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
});
