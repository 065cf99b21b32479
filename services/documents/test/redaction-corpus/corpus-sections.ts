import type { CorpusFamily, CorpusPerson } from './corpus-families';
import {
  dob,
  email,
  keep,
  nhs,
  ni,
  phone,
  possessive,
  writtenAddress,
  writtenDate,
  writtenMobile,
  writtenName,
  writtenNhsNumber,
  writtenNiNumber,
  word,
} from './corpus-markup';

/** One section of synthetic minutes or plan for a family; the variant varies wording and formats. */
export type CorpusSection = (family: CorpusFamily, variant: number) => string;

const children = (f: CorpusFamily): CorpusPerson[] => (f.sibling ? [f.child, f.sibling] : [f.child]);
const they = (f: CorpusFamily): string => (f.sibling ? 'the children' : f.child.relation === 'son' ? 'he' : 'she');
const conferenceDates = ['14 March 2025', '3 April 2025', '22/05/2025', '9th June 2025', '1 July 2025', '16/09/2025'];
const reviewDates = ['12/06/2025', '30 June 2025', '14 August 2025', '4th September 2025', '27/11/2025', '8 January 2026'];

export const headerSection: CorpusSection = (f, v) => {
  const kind = v % 2 === 0 ? 'Initial Child Protection Conference' : 'Review Child Protection Conference';
  const childLines = children(f)
    .map(
      (c, i) =>
        `Child: ${writtenName(c, i === 0 ? 0 : 5)} (DOB: ${dob(writtenDate(c.dateOfBirth!, v + i))}) NHS No: ${nhs(writtenNhsNumber(i === 0 ? f.nhsNumber : f.siblingNhsNumber, v + i))}`,
    )
    .join('\n');
  return `${kind} – Minutes\n${childLines}\nAddress: ${writtenAddress(f.home, v)}\nDate of conference: ${keep(conferenceDates[v % conferenceDates.length])}, 10:00, held virtually (${keep('Microsoft Teams')}). Chair: ${keep('Independent Reviewing Officer')}. Minutes: ${keep('Conference Coordinator')}.`;
};

export const attendanceSection: CorpusSection = (f, v) =>
  `Attendance\nPresent: ${writtenName(f.parent, v)} (${f.parent.relation}), ${writtenName(f.otherAdult, v + 1)} (${f.otherAdult.relation}, joined by audio), ` +
  `${keep('Social Worker')}, ${keep('Team Manager')}, ${keep('Health Visitor')}, ${keep('Designated Safeguarding Lead')} (school), ` +
  `${keep('Detective Constable')}, ${keep('Metropolitan Police')} Public Protection Unit, ${keep("Children's Advocate")}. ` +
  `Apologies: ${keep('GP')} (report submitted), ${keep('CAMHS')} clinician. Everyone introduced themselves and was reminded that the conference must not be recorded.`;

export const reasonSection: CorpusSection = (f, v) =>
  `Reason for conference\nThe conference was convened following a ${keep('Section 47')} enquiry after ${possessive(f.child, v)} school raised concerns on ${keep('27 January 2025')}. ` +
  `${writtenName(f.child, v + 1)} arrived at school hungry and in the same clothes for several days, and told staff that ${writtenName(f.parent, v + 3)} "sleeps all day". ` +
  `Police attended the family home at ${writtenAddress(f.home, v + 1)} on ${keep('2 February 2025')} after neighbours reported shouting. ` +
  `${writtenName(f.otherAdult, v + 2)} was not present when officers arrived. The ${keep('MASH')} strategy discussion took place on ${keep('4 February 2025')}.`;

export const healthSection: CorpusSection = (f, v) => {
  const c = f.child;
  return (
    `Health\nThe ${keep('Health Visitor')} reported that ${writtenName(c, v)} (NHS number ${nhs(writtenNhsNumber(f.nhsNumber, v + 1))}) has missed two appointments at the ${keep(['St Thomas’ Hospital', 'Royal Free Hospital', 'Princess Alexandra Hospital'][v % 3])} paediatric clinic. ` +
    `Immunisations are not up to date. ${possessive(f.parent, v + 1)} own GP confirmed she is prescribed medication for anxiety. ` +
    `The clinic's referral reference ${keep('429 361 2966')} was quoted in error as an NHS number in an earlier letter. ` +
    `The Health Visitor can be reached on ${phone('020 8753 4192')} or ${email('hv.team@example.nhs.uk')}.`
  );
};

export const contactSection: CorpusSection = (f, v) =>
  `Contact details confirmed\n${writtenName(f.parent, v)}: mobile ${phone(writtenMobile(f.mobile, v))}, e-mail ${email(f.email)}. ` +
  `${writtenName(f.otherAdult, v + 1)}: ${phone(writtenMobile(f.otherMobile, v + 2))}. ` +
  `The Chair confirmed that the plan and minutes will be sent by password-protected e-mail and the password by text. ` +
  `Office line for the Conference Coordinator: ${phone(['020 7946 0321', '(020) 7946 0321', '+44 20 7946 0321', '0207 946 0321'][v % 4])}.`;

export const financesSection: CorpusSection = (f, v) =>
  `Housing and finances\n${writtenName(f.otherAdult, v)} gave his National Insurance number (${ni(writtenNiNumber(f.niNumber, v))}) so that the ${keep('Jobcentre Plus')} claim can be checked; ` +
  `the form he brought showed the example number ${keep('QQ 12 34 56 C')} by mistake. Rent arrears stand at ${keep('£1,240')} and the ${keep('Housing Officer')} has agreed a payment plan. ` +
  `The family have lived at ${writtenAddress(f.home, v + 2)} since ${keep('March 2022')}; before that they stayed at ${writtenAddress(f.otherHome, v + 3)}.`;

export const childsViewsSection: CorpusSection = (f, v) => {
  const c = f.child;
  return (
    `The child's views\nThe ${keep("Children's Advocate")} met ${writtenName(c, v + 3)} at school. ${writtenName(c, v + 1)} said home is "sometimes noisy" and that ${they(f)} likes it when ${writtenName(f.otherAdult, v + 1)} takes ${c.relation === 'son' ? 'him' : 'her'} to the park. ` +
    `${possessive(c, v + 1)} wish is for "no more shouting". ` +
    (f.sibling ? `${writtenName(f.sibling, v)} did not want to speak to the advocate and this was respected. ` : '') +
    `The advocate will feed back to ${writtenName(c, v + 3)} after the conference.`
  );
};

export const parentsViewsSection: CorpusSection = (f, v) =>
  `Parents' views\n${writtenName(f.parent, v + 2)} said she accepts there have been problems but feels the school "judged" her. ` +
  `${writtenName(f.parent, v + 3)} asked for help with ${possessive(f.child, v + 4)} bedtime routine. ` +
  `${writtenName(f.otherAdult, v + 2)} said he is willing to work with the ${keep('Social Worker')} and would like more time with ${writtenName(f.child, v + 1)}. ` +
  `Both parents were given space to respond after each report, as agreed at the pre-meeting with the ${keep('Chair')}.`;

export const decisionSection: CorpusSection = (f, v) =>
  `Decision\nThe conference agreed that ${children(f)
    .map((c, i) => writtenName(c, v + i))
    .join(
      ' and ',
    )} should be subject to a ${keep('Child Protection Plan')} under the category of ${keep(['Neglect', 'Emotional Abuse', 'Physical Abuse'][v % 3])}. ` +
  `The ${keep('Chair')} recorded that risk has ${v % 3 === 0 ? 'increased' : 'not increased'} since the last conference. The review conference will be held on ${keep(reviewDates[v % reviewDates.length])}.`;

export const planSection: CorpusSection = (f, v) =>
  `Child protection plan – actions\n1. ${writtenName(f.parent, v + 1)} to attend the ${keep('Early Help')} parenting programme (${keep('Triple P')}) starting ${keep('7 April 2025')}.\n` +
  `2. ${writtenName(f.otherAdult, v)} to engage with the ${keep('Drug and Alcohol Service')} and provide tests every ${keep('two weeks')}.\n` +
  `3. ${keep('Social Worker')} to visit ${writtenName(f.child, v + 2)} at home every ${keep('10 working days')}, at least once unannounced.\n` +
  `4. School to report attendance weekly to the ${keep('Social Worker')}; ${possessive(f.child, v)} attendance is currently ${keep('84%')}.\n` +
  `5. Core group to meet within ${keep('10 working days')} (first meeting ${keep(['21 March 2025', '11/04/2025', '30th May 2025'][v % 3])}).`;

export const contingencySection: CorpusSection = (f, v) =>
  `Contingency plan\nIf ${writtenName(f.parent, v)} is unable to care for ${children(f)
    .map((c, i) => writtenName(c, v + 1 + i))
    .join(' and ')}, ` +
  `${they(f)} will stay with a relative at ${writtenAddress(f.otherHome, v)}, which the ${keep('Social Worker')} has assessed as safe. ` +
  `Out of hours, the ${keep('Emergency Duty Team')} is on ${phone(['020 8748 3020', '0208 748 3020', '+44 (0)20 8748 3020'][v % 3])}.`;

export const domesticAbuseSection: CorpusSection = (f, v) =>
  `Domestic abuse\n${writtenName(f.parent, v + 1)} disclosed that ${writtenName(f.otherAdult, v)} pushed her during an argument on ${keep('1 February 2025')}. ` +
  `A ${keep('DASH')} risk assessment was completed and a ${keep('MARAC')} referral made; an ${keep('IDVA')} from ${keep("Women's Aid")} is supporting her. ` +
  `${writtenName(f.otherAdult, v + 3)} has been referred to a perpetrator programme. Safe contact for ${writtenName(f.parent, v + 3)} is ${phone(writtenMobile(f.mobile, v + 3))} only.`;

export const schoolSection: CorpusSection = (f, v) =>
  `Education\nThe ${keep('Designated Safeguarding Lead')} reported that ${writtenName(f.child, v + 2)} is in ${keep('Year 4')} and has support from the ${keep('SENCO')}. ` +
  `${possessive(f.child, v + 2)} attendance dipped in ${keep('January')} when ${writtenName(f.parent, v + 4)} was unwell. ` +
  `School referral ${keep('CPOMS 4471/25')} and police reference ${keep('01/456789/25')} were shared with the core group. ` +
  `A case reference ${keep('0045 7781 223')} appears on the school's letters; it is not a telephone number.`;

/** A newborn or a new partner's child, known only by a date of birth written after "born"/"DOB". */
export const newBabySection: CorpusSection = (f, v) =>
  `New information\n${writtenName(f.parent, v)} told the ${keep('Social Worker')} that her sister's baby was born on ${dob(['3 May 2025', '03/05/2025', '3rd May 2025'][v % 3])} and may stay with the family for a while. ` +
  `The baby's date of birth is ${dob(['3 May 2025', '2025-05-03', '03.05.25'][v % 3])}. No checks have yet been made on the sister. ` +
  `The next home visit is booked for ${keep(['12 May 2025', '19/05/2025', '2nd June 2025'][v % 3])}.`;

/** Everyday words that are also names some families hold: in lower case they are the word and stay. */
export const everydayWordsSection: CorpusSection = (f, v) =>
  `Next steps\nThe ${keep('Social Worker')} ${word('will')} write to the family with the plan. There is real ${word('hope')} that things can improve; worries ${word('rose')} over the winter when the ` +
  `${word('price')} of electricity went up. ${writtenName(f.parent, v + 1)} said she takes the children to the ${word('green')} by the flats, ` +
  `to the stay-and-play at the church ${word('hall')}, and along the ${word('marsh')} path after the school ${word('bell')}. ` +
  `Staff noticed a ${word('mark')} on a wrist that was explained, and the landlord has given a ${word('grace')} period on the rent. ` +
  `${keep('Grace Road')} surgery and ${keep('Victoria Park')} children's centre are nearby.`;

export const ALL_SECTIONS: CorpusSection[] = [
  headerSection,
  attendanceSection,
  reasonSection,
  healthSection,
  contactSection,
  financesSection,
  childsViewsSection,
  parentsViewsSection,
  decisionSection,
  planSection,
  contingencySection,
  domesticAbuseSection,
  schoolSection,
  newBabySection,
];
