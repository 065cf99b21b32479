import type { CaseIdentity } from './case-identity';
import { initialsOf } from './case-identity';
import { ParentCopyRedactor } from './parent-copy-redactor';

const identity: CaseIdentity = {
  people: [
    { firstName: 'Amy', lastName: 'Stone', knownAs: ['Ames'], dateOfBirth: '2018-04-02', role: 'CHILD' },
    { firstName: 'Ben', lastName: 'Stone', dateOfBirth: '2015-11-21', role: 'CHILD' },
    { firstName: 'Siobhan', lastName: "O'Neill", knownAs: ['Shiv'], role: 'PARENT' },
    { firstName: 'Will', lastName: 'Smith-Jones', role: 'PARENT' },
    { firstName: 'Zoë', lastName: 'Kowalczyk', role: 'FAMILY_MEMBER' },
  ],
  addresses: ['12 Acacia Road, Hammersmith, London W6 0AB', 'Flat 4, Beacon Court, 33 Holloway Lane, London N7 6QB'],
};
const redact = (text: string): string => new ParentCopyRedactor(identity).redact(text).text;

describe('ParentCopyRedactor: names the case holds (R-RED-INIT)', () => {
  it.each([
    ['Amy Stone came', 'A.S. came'],
    ['Amy came', 'A.S. came'],
    ['AMY STONE came', 'A.S. came'],
    ['amy stone came', 'A.S. came'],
    ["Amy's teacher", "A.S.'s teacher"],
    ['Ames is happy', 'A.S. is happy'],
    ['Siobhan O’Neill and Mrs ONeill and O Neill', 'S.O. and Mrs S.O. and S.O.'],
    ['Shiv rang', 'S.O. rang'],
    ['Will Smith-Jones, Will Smith Jones, Mr Smith-Jones', 'W.S-J., W.S-J., Mr W.S-J.'],
    ['Zoe and Zoë Kowalczyk', 'Z.K. and Z.K.'],
  ])('R-RED-INIT: %j reads %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('R-RED-INIT: a surname shared by people with different initials gives the shared initial only', () => {
    expect(redact('The Stone family')).toBe('The S. family');
  });

  it('R-RED-INIT: a surname written alone that two people share in different forms gives its own initial', () => {
    const shared: CaseIdentity = {
      people: [
        { firstName: 'Siobhan', lastName: "O'Neill", role: 'PARENT' },
        { firstName: 'Liam', lastName: "O'Neill-Hart", role: 'CHILD' },
      ],
      addresses: [],
    };
    expect(new ParentCopyRedactor(shared).redact("Ms O'Neill and Liam O'Neill-Hart").text).toBe('Ms O. and L.O-H.');
  });

  it('matches on word boundaries only', () => {
    expect(redact('Amyloid, Stonehenge, Benjamin')).toBe('Amyloid, Stonehenge, Benjamin');
  });

  it('a held name that is also an everyday word stays where it is written as the word', () => {
    expect(redact('The SW will visit. Will said yes.')).toBe('The SW will visit. W.S-J. said yes.');
  });

  it('initials already in the text stay', () => {
    expect(redact('A.S. and B.S. were seen')).toBe('A.S. and B.S. were seen');
  });

  it('initials keep hyphenated parts apart', () => {
    expect(initialsOf({ firstName: 'Mary-Jane', lastName: "O'Brien" })).toBe('M-J.O.');
  });
});

describe('ParentCopyRedactor: addresses the case holds (R-RED-INIT)', () => {
  it.each([
    ['at 12 Acacia Road, Hammersmith, London W6 0AB today', 'at [address] today'],
    ['at 12 Acacia Road today', 'at [address] today'],
    ['at 12 acacia rd, london w60ab today', 'at [address] today'],
    ['at 12 Acacia Road,\nLondon\nW6 0AB today', 'at [address] today'],
    ['near Acacia Road', 'near [address]'],
    ['at Beacon Court, 33 Holloway Lane', 'at [address]'],
  ])('R-RED-INIT: %j reads %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('a town or a flat number alone does not name the home', () => {
    expect(redact('London is far; Flat 4 was mentioned; Hammersmith library')).toBe(
      'London is far; Flat 4 was mentioned; Hammersmith library',
    );
  });
});

describe('ParentCopyRedactor: patterns (R-RED-INIT)', () => {
  it.each([
    ['call 07911 123456 now', 'call [phone] now'],
    ['call +44 (0)20 7946 0018 now', 'call [phone] now'],
    ['call 07700 900123 now', 'call [phone] now'],
    ['call 07911 123456 2 times', 'call [phone] 2 times'],
    ['mail a.b@example.co.uk now', 'mail [email] now'],
    ['NHS 943 476 5919 ok', 'NHS [NHS number] ok'],
    ['NI AB 12 34 56 C ok', 'NI [NI number] ok'],
    ['postcode SW1A 2AA ok', 'postcode [postcode] ok'],
    ['DOB: 5/3/2016', 'DOB: [date of birth]'],
    ['born on 3rd May 2019.', 'born on [date of birth].'],
    ['Amy was 2nd of April 2018 and 2018-04-02 and 02.04.18', 'A.S. was [date of birth] and [date of birth] and [date of birth]'],
  ])('R-RED-INIT: %j reads %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    'an invalid NHS number 943 476 5918',
    'the example NI number QQ 12 34 56 C and never-issued TN 12 34 56 A',
    'conference on 2 April 2024 at 10:00, review 12/06/2025',
    'Metropolitan Police, Health Visitor, Social Worker',
    'reference 0045 7781 223 and crime ref 01/456789/25',
  ])('decoy stays: %j', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('reports each replacement with its kind and the original span, for audit and review', () => {
    const text = 'Amy Stone at 12 Acacia Road, tel 07911 123456';
    const { findings } = new ParentCopyRedactor(identity).redact(text);
    expect(findings.map(({ kind, original }) => [kind, original])).toEqual([
      ['PERSON_NAME', 'Amy Stone'],
      ['ADDRESS', '12 Acacia Road'],
      ['PHONE_NUMBER', '07911 123456'],
    ]);
    for (const finding of findings) expect(text.slice(finding.start, finding.end)).toBe(finding.original);
  });

  it('overlapping claims are merged so no fragment of a detail survives', () => {
    const { text, findings } = new ParentCopyRedactor(identity).redact('home: 12 Acacia Road, London W6 0AB.');
    expect(text).toBe('home: [address].');
    expect(findings).toHaveLength(1);
  });
});
