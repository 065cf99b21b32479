import type { CaseIdentity } from '../../src/domain/redaction/case-identity';
import { keep, name, word } from './corpus-markup';

/**
 * Names that are also everyday words, written in lower case as careless minutes do, for each of
 * them a family that holds it: the name in the places a person stands (subject of a verb, object,
 * possessive, after a title or a relation, beside another name) and the word in ordinary use.
 * Each ordinary use is a plain sentence as a social worker might write it, not chosen to suit a rule.
 */
interface EverydayName {
  word: string;
  /** Held as a first name ("first") or a surname ("last"). */
  as: 'first' | 'last';
  /** Ordinary uses; "{}" is where the word stands. */
  ordinary: string[];
}

const EVERYDAY_NAMES: EverydayName[] = [
  {
    word: 'grace',
    as: 'first',
    ordinary: [
      'by the {} of the landlord the family kept the flat',
      'a {} period of two weeks was agreed',
      'the housing officer allowed a further week of {}',
      'she took the news with {} and thanked the chair',
      'the family say {} before meals',
    ],
  },
  {
    word: 'rose',
    as: 'first',
    ordinary: [
      'the {} bush by the front door was cut back',
      'worries {} over the winter months',
      'rent arrears {} to £1,400 in March',
      'she {} early to get the children to school',
      'he planted a red {} in the garden',
    ],
  },
  {
    word: 'hope',
    as: 'first',
    ordinary: [
      'I {} that things improve by the review',
      'we {} to see progress at the core group',
      'there is real {} that the plan will work',
      'the family live in {} of a move',
      'professionals {} the parents will engage',
    ],
  },
  {
    word: 'will',
    as: 'first',
    ordinary: [
      'the social worker {} visit on Monday',
      'school {} send the attendance report weekly',
      'the chair said she {} write to the family',
      'the parents {} not be asked to leave',
      'the grandmother has made a {} leaving the house to the children',
    ],
  },
  {
    word: 'may',
    as: 'first',
    ordinary: ['the family {} need help with transport', 'it {} be that the referral is closed', 'the advocate {} attend the next meeting'],
  },
  {
    word: 'mark',
    as: 'first',
    ordinary: [
      'a {} on her wrist was explained',
      'the teacher will {} the date in the diary',
      'there was a small {} on his cheek',
      'the review will {} six months on the plan',
    ],
  },
  { word: 'joy', as: 'first', ordinary: ['the baby brings the family great {}', 'she jumped for {} when she heard the news'] },
  { word: 'faith', as: 'first', ordinary: ['the mother has {} in the plan', 'the family attend a {} group on Sundays'] },
  { word: 'dawn', as: 'first', ordinary: ['the police attended at {} on Tuesday', 'the baby was awake from {} until nine'] },
  { word: 'ruby', as: 'first', ordinary: ['she wore a {} ring to the meeting'] },
  { word: 'poppy', as: 'first', ordinary: ['the children made a {} for remembrance day'] },
  { word: 'holly', as: 'first', ordinary: ['the {} bush in the garden was cut back'] },
  { word: 'summer', as: 'first', ordinary: ['over the {} the family stayed with relatives', 'the {} holidays were difficult'] },
  {
    word: 'price',
    as: 'last',
    ordinary: ['the {} of electricity went up', 'food {} rises have hit the family', 'a fair {} was agreed for the sofa'],
  },
  { word: 'hall', as: 'last', ordinary: ['the core group met in the church {}', 'the children waited in the {}', 'the town {} is nearby'] },
  { word: 'bell', as: 'last', ordinary: ['the children arrive before the school {}', 'the door {} was broken'] },
  {
    word: 'green',
    as: 'last',
    ordinary: ['the children play on the {} by the flats', 'he wore a {} coat', 'the kitchen walls were painted {}'],
  },
  { word: 'stone', as: 'last', ordinary: ['a {} was thrown at the window', 'the {} steps to the flat are uneven'] },
  { word: 'marsh', as: 'last', ordinary: ['the family walk along the {} path'] },
  {
    word: 'young',
    as: 'last',
    ordinary: ['the children are very {}', 'support for {} carers was offered', 'the baby is too {} for nursery'],
  },
  { word: 'brown', as: 'last', ordinary: ['she has {} hair', 'a {} envelope arrived from the council'] },
];

/** Where a person stands in minutes; "{}" is the name, "{other}" another name the case holds. */
const NAME_PLACES_FIRST = [
  '{} said she was tired after school',
  'the social worker visited {} at home',
  "{}'s school report was good",
  'mum and {} came to the meeting',
  '{} and {other} share a bedroom',
  'her daughter {} is settled at school',
  'the advocate spoke to {} about the plan',
  '{} attended the core group',
  'the teacher told {} to wait in the office',
  '{} wants to stay at home',
  'grandmother lives with {} and the children',
  '{other} and {} were seen together',
  'the nurse asked {} how she was sleeping',
  '{} was upset when the police came',
];
const NAME_PLACES_LAST = ['ms {} rang the office', 'mr {} did not attend', "mrs {}'s sister came", '{other} {} said she was tired'];

/** One document per everyday name: its name uses (labelled "name") and ordinary uses (labelled "word"). */
export function everydayNameDocuments(): Array<{ identity: CaseIdentity; marked: string }> {
  return EVERYDAY_NAMES.map((entry) => {
    const capitalised = entry.word[0].toUpperCase() + entry.word.slice(1);
    const person =
      entry.as === 'first'
        ? { firstName: capitalised, lastName: 'Okonjo', role: 'CHILD' as const }
        : { firstName: 'Leanne', lastName: capitalised, role: 'PARENT' as const };
    const other = entry.as === 'first' ? 'okonjo' : 'leanne';
    const places = entry.as === 'first' ? NAME_PLACES_FIRST : NAME_PLACES_LAST;
    const nameUses = places.map((place) => place.replace('{other}', name(other)).replace('{}', name(entry.word)));
    const ordinaryUses = entry.ordinary.map((sentence) => sentence.replace('{}', word(entry.word)));
    const sentences = nameUses.flatMap((use, index) => [use, ...(ordinaryUses[index] ? [ordinaryUses[index]] : [])]);
    return {
      identity: { people: [person, { firstName: 'Dwayne', lastName: 'Okafor', role: 'PARENT' }], addresses: [] },
      marked: `Core group notes\n${sentences.map((sentence) => `${sentence}.`).join(' ')} The ${keep('Social Worker')} closed the meeting.`,
    };
  });
}
