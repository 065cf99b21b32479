import type { CaseIdentity } from './case-identity';
import { ParentCopyRedactor } from './parent-copy-redactor';

/** Regression examples for the forms issue 9 item 7 found slipping through the parents' copy (R-RED-INIT). */
const identity: CaseIdentity = {
  people: [
    { firstName: 'Grace', lastName: 'Price', dateOfBirth: '2013-02-15', role: 'CHILD' },
    { firstName: 'Rose', lastName: 'Price', role: 'PARENT' },
    { firstName: 'Hope', lastName: 'Price', dateOfBirth: '2016-07-01', role: 'CHILD' },
    { firstName: 'Will', lastName: 'Hall', role: 'PARENT' },
    { firstName: 'Łukasz', lastName: 'Wiśniewski', role: 'PARENT' },
    { firstName: 'Sören', lastName: 'Strauß', role: 'FAMILY_MEMBER' },
    { firstName: 'Bjørn', lastName: 'Ærø', role: 'FAMILY_MEMBER' },
    { firstName: 'Dorota', lastName: 'Lukaszewska', role: 'FAMILY_MEMBER' },
    { firstName: 'Zoe', lastName: 'Oeuvray', role: 'FAMILY_MEMBER' },
    { firstName: 'Aylin', lastName: 'Yıldız', role: 'FAMILY_MEMBER' },
    { firstName: 'Đorđe', lastName: 'Petrović', role: 'FAMILY_MEMBER' },
  ],
  addresses: ['12 Acacia Road, London W6 0AB'],
};
const redact = (text: string): string => new ParentCopyRedactor(identity).redact(text).text;

describe('R-RED-INIT: case names that are everyday words, written in lower case', () => {
  it.each([
    ['grace said she was tired', 'G.P. said she was tired'],
    ["the SW saw grace's bedroom", "the SW saw G.P.'s bedroom"],
    ['rose and grace attended', 'R.P. and G.P. attended'],
    ['mum told hope that it was fine', 'mum told H.P. that it was fine'],
    ['will said he would come', 'W.H. said he would come'],
    ['her daughter grace is 12', 'her daughter G.P. is 12'],
    ['ms price rang', 'ms P. rang'],
  ])('%j reads %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    'the rose bush by the door',
    'I hope that things improve',
    'by the grace of the landlord',
    'the social worker will visit on Monday',
    'worries rose over the winter',
    'a grace period on the rent',
    'we hope to see progress',
    'the price of electricity',
    'the church hall and the town hall',
  ])('ordinary words stay: %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('R-RED-INIT: letters that fold differently', () => {
  it.each([
    ['Lukasz came', 'Ł.W. came'],
    ['LUKASZ WISNIEWSKI came', 'Ł.W. came'],
    ['Ms Łukaszewska came', 'Ms D.L. came'],
    ['Soren Strauss came', 'S.S. came'],
    ['Mr STRAUSS came', 'Mr S.S. came'],
    ['Bjorn Aero came', 'B.Æ. came'],
    ['Zoë Œuvray came', 'Z.O. came'],
    ['Aylin Yildiz came', 'A.Y. came'],
    ['Dorde Petrovic came', 'Đ.P. came'],
  ])('%j reads %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('R-RED-INIT: UK mobile, pager and personal numbers in every form', () => {
  it.each([
    'call 07655 508023 now',
    'call 07610 123456 now',
    'call 076 9812 3456 now',
    'call 07012 345678 now',
    'call +44 7655 508023 now',
    'call 0044 7655 508023 now',
    'call +44 (0) 7655 508023 now',
    'call +44(0)7655-508-023 now',
    'call (07655) 508023 now',
    'call 0 7 6 2 3 5 0 8 0 2 3 now',
    'call 07655.508.023 now',
    'call 07911 123 456 now',
  ])('%j has its number replaced', (text) => {
    expect(redact(text)).toBe('call [phone] now');
  });

  it.each(['sort code 07-62-35, account 07623508', 'at 07:30 on 07/11/2025', 'case ref 076235080231 in the file'])(
    'not a phone number: %j',
    (text) => {
      expect(redact(text)).toBe(text);
    },
  );
});

describe('R-RED-INIT: postcodes, NI and NHS numbers as people type them', () => {
  it.each([
    ['post to sw1a 2aa please', 'post to [postcode] please'],
    ['post to Sw1a 2Aa please', 'post to [postcode] please'],
    ['NI ab 12 34 56 c ok', 'NI [NI number] ok'],
    ['NI jt482165b ok', 'NI [NI number] ok'],
    ['NHS 278 4794318 ok', 'NHS [NHS number] ok'],
    ['NHS 2784 794 318 ok', 'NHS [NHS number] ok'],
    ['NHS 278-479 4318 ok', 'NHS [NHS number] ok'],
  ])('%j reads %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each(['meet on the b12 4th floor', 'we met on 12 03 24 at school', 'NHS 278 4794319 does not check'])('stays: %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('R-RED-INIT: e-mail addresses written out', () => {
  it.each([
    'write to kez.stone at example dot org today',
    'write to kez.stone (at) example (dot) org today',
    'write to kez.stone [at] example [dot] org today',
    'write to kez.stone @ example.org today',
    'write to kez.stone@ example.co.uk today',
    'write to kez dot stone at example dot co dot uk today',
    'write to KEZ.STONE AT EXAMPLE DOT ORG today',
    'write to kez.stone at example.org today',
  ])('%j has its address replaced', (text) => {
    expect(redact(text)).toBe('write to [email] today');
  });

  it.each(['we met at school. Then we left', 'she is at home dot to dot', 'seen at school.Then home'])('stays: %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('R-RED-INIT: dates of birth in words', () => {
  it.each([
    ['G.P. was born on the fifteenth of February 2013.', 'G.P. was born on the [date of birth].'],
    ['Her birthday is the fifteenth of February 2013.', 'Her birthday is the [date of birth].'],
    ['Grace (fifteenth February two thousand and thirteen) is 12', 'G.P. ([date of birth]) is 12'],
    ['DOB: first of July twenty sixteen', 'DOB: [date of birth]'],
    ['born on the third of May 2025, a new baby', 'born on the [date of birth], a new baby'],
    ['February the fifteenth, 2013 is her birthday', '[date of birth] is her birthday'],
  ])('%j reads %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('a date in words that is not a date of birth stays', () => {
    const text = 'The conference is on the fifteenth of March 2025 and the review on the first of July 2025.';
    expect(redact(text)).toBe(text);
  });
});
