import type { CaseIdentity } from '../../src/domain/redaction/case-identity';
import { address as a, dob, email, keep as k, name as n, nickname as nn, nhs, ni, phone, postcode } from './corpus-markup';

/**
 * Hand-written minutes, not built from the section templates: other phrasing, other layouts and
 * the awkward spellings (curly apostrophes, a missing accent, "O Neill", capitals, a held address
 * written in part, an Ofcom drama number, a date of birth in a form of its own), and one detail no pattern here
 * catches: a postcode of an address the case does not hold, written in lower case.
 */
export interface FreeformDocument {
  identity: CaseIdentity;
  marked: string;
}

export const FREEFORM_DOCUMENTS: FreeformDocument[] = [
  {
    identity: {
      people: [
        { firstName: 'Róisín', lastName: "O'Neill", knownAs: ['Rosh'], role: 'PARENT' },
        { firstName: 'Declan', lastName: 'Byrne-Walsh', role: 'PARENT' },
        { firstName: 'Cian', lastName: 'Byrne-Walsh', dateOfBirth: '2016-03-05', role: 'CHILD' },
      ],
      addresses: ['Flat 9, Kestrel House\n14 Mill Lane\nBirmingham B5 7RT'],
    },
    marked: `RCPC minutes (draft for circulation)
Young person: ${n('CIAN BYRNE-WALSH')}, d.o.b. ${dob('5.3.2016')}
${n('Roisin')} (${nn('Rosh')}) ${n('O Neill')} and Mr ${n('Byrne Walsh')} attended by phone from ${a('Kestrel House, 14 Mill Lane')}. Mrs ${n('O’Neill')} said ${n('Cian')}’s behaviour at home has improved since ${k('Christmas')}. ${n('Declan')} said he has a new mobile, ${phone('07700 900 123')}, and asked that letters go to ${email('DECLAN.BW@EXAMPLE.COM')}.
The ${k('Police Constable')} from ${k('West Midlands Police')} confirmed there were no call-outs since the last conference on ${k('12.11.2024')}. The ${n('Byrne-Walsh')} family are to be offered a ${k('Family Group Conference')}. ${n('Cian')} is seen at ${k('Birmingham Children’s Hospital')} under NHS no. ${nhs('7023188452')}.`,
  },
  {
    identity: {
      people: [
        { firstName: 'Jade', lastName: 'Okonkwo-Smith', role: 'PARENT' },
        { firstName: 'Tremaine', lastName: 'Okonkwo-Smith', knownAs: ['Tre', 'TJ'], dateOfBirth: '2010-10-10', role: 'CHILD' },
      ],
      addresses: ['221 Old Kent Road, London SE1 5LU', '9 Ivydale Road, Nunhead, London SE15 3BY'],
    },
    marked: `Strategy outcome and plan
${nn('Tre')} (${dob('10th Oct 2010')}) is 14 and at risk of criminal exploitation. ${nn('TJ')} was found by the ${k('British Transport Police')} at ${k('London Bridge')} station with a phone that is not his (${phone('+44 (0) 7911 123456')}). His mother, ${n('Jade')}, lives at ${a('221 Old Kent Road')}, ${postcode('SE1 5LU')}; his grandmother's house in ${a('Ivydale Road, Nunhead')} is the safe place.
${n('Jade')}'s NI number is ${ni('NP 33 21 75 B')}; the ${k('DWP')} reference ${k('TN 12 34 56 A')} on her letter is not one. The ${k('Youth Justice Service')} worker (${email('yjs.duty@example.gov.uk')}, ${phone('020 7525 1234')}) will meet ${n('Tremaine')} weekly.
Date of next review: ${k('10/10/2025')}. The ${n('OKONKWO-SMITH')} household to be visited by ${k('17 October 2025')}.`,
  },
  {
    identity: {
      people: [
        { firstName: 'Grace', lastName: 'Adeyemi', role: 'PARENT' },
        { firstName: 'Samuel', lastName: 'Adeyemi', knownAs: ['Sammy'], dateOfBirth: '2022-07-01', role: 'CHILD' },
        { firstName: 'Faith', lastName: 'Adeyemi', dateOfBirth: '2019-02-14', role: 'CHILD' },
      ],
      addresses: ['Flat 3 Marigold Court, 40 Queens Road, Hastings TN34 1RE'],
    },
    marked: `Core group notes
Present: ${n('Grace Adeyemi')} (mother), ${k('Family Support Worker')}, ${k('Health Visitor')} (${k('East Sussex Healthcare')}).
${nn('Sammy')} (DOB ${dob('01/07/2022')}) and ${n('Faith')} (born ${dob('14 February 2019')}) were seen at home, ${a('Marigold Court, 40 Queens Rd')}. The flat was warm and clean. ${n('Grace')} said she has ${k('faith')} in the plan and that a month's ${k('grace')} from the landlord helped. ${n('Faith')}’s nursery, ${k('Little Acorns')}, reports good progress.
Call Ms ${n('Adeyemi')} on ${phone('01424 723 456')} (landline) or ${phone('07432 118 907')}. ${k('Sussex Police')} reference ${k('47250012345')}. An old NHS card shows ${k('943 476 5918')} (wrong check digit); the correct NHS number is ${nhs('943 476 5919')}.`,
  },
  {
    identity: {
      people: [
        { firstName: 'Mark', lastName: 'Rivers', knownAs: ['Marky'], role: 'PARENT' },
        { firstName: 'Summer', lastName: 'Rivers', dateOfBirth: '2017-06-21', role: 'CHILD' },
        { firstName: 'Krystyna', lastName: 'Nowicka', role: 'FAMILY_MEMBER' },
      ],
      addresses: ['The Old Forge, Church Lane, Little Hadham, Ware SG11 2DX'],
    },
    marked: `Outcome letter summary
${n('Summer Rivers')} (date of birth ${dob('21 June 2017')}) lives with her father ${n('Mark')} at ${a('The Old Forge, Church Lane, Little Hadham')}. In the ${k('summer')} holidays the family spend time with ${n('Krystyna')}'s partner; Ms ${n('Nowicka')} is the paternal aunt. ${nn('Marky')} said he will ${k('mark')} the review date in his diary. The ${k('Chair')} noted that the ${k('rivers')} near the property flood in winter.
Before the move they rented a flat in Hertford, postcode ${postcode('sg14 1bd')} (written in lower case on the tenancy form).
${n('SUMMER')} told the advocate she wants to stay. Contact: ${email('mark.rivers@example.co.uk')}, ${phone('+441920 821 456')}. The family’s postcode ${postcode('SG11 2DX')} was confirmed. Next review ${k('21/12/2025')}. ${k('Hertfordshire Constabulary')} had no new information.`,
  },
];
