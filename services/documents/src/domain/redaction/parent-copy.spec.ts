import type { DocumentSection } from '../document-section';
import type { CaseIdentity } from './case-identity';
import { buildParentCopy, buildProfessionalCopy, WITHHELD_SECTION } from './parent-copy';

const identity: CaseIdentity = {
  people: [
    { firstName: 'Kerry', lastName: 'Stone', role: 'PARENT' },
    { firstName: 'Darren', lastName: 'Walsh', role: 'PARENT' },
    { firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02', role: 'CHILD' },
  ],
  addresses: ['12 Acacia Road, London W6 0AB'],
};
const plan: DocumentSection[] = [
  { heading: 'Plan for Amy Stone', text: 'Kerry to attend the parenting course. Amy lives at 12 Acacia Road.', classification: 'OPEN' },
  { heading: 'Police intelligence', text: 'Darren Walsh is known to police for violence.', classification: 'CONFIDENTIAL' },
  {
    heading: 'Domestic abuse',
    text: 'Kerry disclosed that Darren hit her; MARAC referral made.',
    classification: 'OPEN',
    sensitivity: 'DOMESTIC_ABUSE',
  },
  { heading: 'Contingency', text: 'If Kerry is unwell Amy stays with her aunt.', classification: 'OPEN' },
];
const everything = (sections: DocumentSection[]): string => sections.map((section) => `${section.heading}\n${section.text}`).join('\n');

describe('buildParentCopy (R-DEL-PAR)', () => {
  it('R-CLASS-2: a confidential section never appears in the family copy, not even as a placeholder', () => {
    const copy = buildParentCopy(plan, identity, false);
    expect(everything(copy.sections)).not.toContain('Police intelligence');
    expect(everything(copy.sections)).not.toContain('known to police');
    expect(copy.confidentialWithheld).toEqual([1]);
  });

  it('R-RED-INIT: names and addresses in headings and text become initials and placeholders', () => {
    const copy = buildParentCopy(plan, identity, false);
    expect(copy.sections[0]).toEqual({
      heading: 'Plan for A.S.',
      text: 'K.S. to attend the parenting course. A.S. lives at [address].',
      classification: 'OPEN',
    });
    expect(copy.findings.filter((finding) => finding.sectionIndex === 0).map((finding) => [finding.field, finding.original])).toEqual([
      ['heading', 'Amy Stone'],
      ['text', 'Kerry'],
      ['text', 'Amy'],
      ['text', '12 Acacia Road'],
    ]);
  });

  it('R-RED-DV: in a sensitive case a domestic-abuse section is replaced by one line saying a section was withheld', () => {
    const copy = buildParentCopy(plan, identity, true);
    expect(copy.sections).toHaveLength(3);
    expect(copy.sections[1]).toEqual(WITHHELD_SECTION);
    expect(everything(copy.sections)).not.toMatch(/MARAC|hit her|Domestic abuse/);
    expect(copy.sensitiveWithheld).toEqual([2]);
  });

  it('R-RED-DV: the SW and chair are told to advise the victim when content was withheld', () => {
    expect(buildParentCopy(plan, identity, true).adviseVictim).toBe(true);
    expect(buildParentCopy(plan, identity, false).adviseVictim).toBe(false);
  });

  it('R-RED-DV: a case not marked sensitive keeps its domestic-abuse section, redacted', () => {
    const copy = buildParentCopy(plan, identity, false);
    expect(copy.sections[1]).toEqual({
      heading: 'Domestic abuse',
      text: 'K.S. disclosed that D.W. hit her; MARAC referral made.',
      classification: 'OPEN',
    });
  });

  it('the plan given is left as it was', () => {
    const before = JSON.stringify(plan);
    buildParentCopy(plan, identity, true);
    expect(JSON.stringify(plan)).toBe(before);
  });
});

describe('buildProfessionalCopy (R-DEL-PRO)', () => {
  it('R-DEL-PRO: professionals get every section, confidential and domestic abuse included, unredacted', () => {
    expect(buildProfessionalCopy(plan).sections).toEqual(plan);
  });
});
