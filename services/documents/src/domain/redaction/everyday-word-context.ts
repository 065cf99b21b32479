/**
 * R-RED-INIT: names that are also everyday words ("Will", "Hope", "Grace", "Rose", "Price"). Where
 * the case holds one and the text has it in lower case, it is redacted unless the words around it
 * show the ordinary word: "the SW will visit", "I hope that", "by the grace of", "the rose bush".
 * The default is the name, so a doubt costs an ordinary word, never a name.
 */

type Sense = 'modal' | 'verb' | 'adjective' | 'noun';

/** How an everyday word is used as itself: its senses, and words that go with it before or after. */
interface OrdinaryUse {
  senses: Sense[];
  before?: string[];
  after?: string[];
}

const words = (list: string): string[] => list.split(' ');
const PREPOSITIONS = words('at in on with to from by for of after before about during into onto over under near since until without');
const RISING = words('over to from by up again sharply steadily slightly during in after when above beyond');

const LEXICON: Record<string, OrdinaryUse> = {
  will: { senses: ['modal', 'noun'], before: words('free good ill last own political'), after: words('power') },
  may: { senses: ['modal'], before: words('in of since until from during early late mid end') },
  hope: {
    senses: ['verb', 'noun'],
    before: words('in with without of real some little great high false new glimmer sign signs full lost give gives gave giving'),
    after: words('that to for of so not you we they she he it this things everything the'),
  },
  grace: {
    senses: ['noun'],
    before: words('of with say saying amazing saving divine social good'),
    after: words('period periods note days under'),
  },
  rose: {
    senses: ['verb', 'noun'],
    before: words(
      'pink red white yellow wild climbing english tudor dog it they costs prices worries concerns tensions numbers levels rent',
    ),
    after: [...RISING, ...words('bush bushes garden gardens petals petal bed beds tea water hip hips gold pink quartz tinted')],
  },
  faith: {
    senses: ['noun'],
    before: words('good bad blind christian muslim jewish religious lost has have had keep kept of'),
    after: words('groups group leader leaders community communities school schools based'),
  },
  joy: { senses: ['noun'], before: words('of with for pure great sheer'), after: words('of in at') },
  love: { senses: ['verb', 'noun'], after: words('to of for you her him them it the being playing school') },
  mark: {
    senses: ['verb', 'noun'],
    before: words('question birth bite burn red finger pen scratch tide high water halfway'),
    after: words('on the it this that as down up out off of her his their'),
  },
  bill: {
    senses: ['verb', 'noun'],
    before: words('energy gas electric electricity water phone council tax'),
    after: words('for of is was'),
  },
  dawn: { senses: ['noun'], before: words('at from until till by before after since'), after: words('raid raids chorus patrol') },
  day: {
    senses: ['noun'],
    before: words('one next every each same school first last per all whole half full working sports birth to by two three'),
    after: words('care centre nursery trip time off out before after of or in to'),
  },
  price: {
    senses: ['noun'],
    before: words('high low full half fair asking petrol energy food rent house'),
    after: words('of rise rises increase increases list cap tag'),
  },
  hall: {
    senses: ['noun'],
    before: words(
      'church town sports village school dining community concert entrance music city assembly main bingo scout youth exam sports',
    ),
    after: words('way porter'),
  },
  bell: { senses: ['noun'], before: words('school door church fire alarm front bicycle bike'), after: words('tower ringer') },
  marsh: { senses: ['noun'], before: words('salt'), after: words('path paths land lands grass gas') },
  green: {
    senses: ['adjective', 'noun'],
    before: words('village bowling putting dark light bright pale'),
    after: words('light space spaces belt'),
  },
  stone: { senses: ['noun'], before: words('kidney gall precious paving stepping'), after: words('wall walls floor steps step cold') },
  ruby: { senses: ['noun'], before: words('ruby'), after: words('red wedding ring') },
  poppy: { senses: ['noun'], before: words('red remembrance'), after: words('appeal seeds field fields day') },
  holly: { senses: ['noun'], after: words('bush bushes tree trees leaves wreath') },
  lily: { senses: ['noun'], before: words('water'), after: words('pad pads pond') },
  jade: { senses: ['noun', 'adjective'], after: words('green necklace bracelet') },
  heather: { senses: ['noun'], after: words('moor moors hills') },
  dean: { senses: ['noun'], before: words('college faculty school'), after: words('of') },
  summer: {
    senses: ['noun'],
    before: words('in this last next over during early late all indian'),
    after: words('holiday holidays term months camp school'),
  },
  brook: { senses: ['noun'], before: words('babbling') },
  young: { senses: ['adjective', 'noun'] },
  brown: { senses: ['adjective'] },
  white: { senses: ['adjective'] },
  black: { senses: ['adjective'] },
  long: { senses: ['adjective'], before: words('for how as so too') },
  short: { senses: ['adjective'], before: words('in for too so') },
  small: { senses: ['adjective'] },
  rich: { senses: ['adjective'] },
  sharp: { senses: ['adjective'] },
  wise: { senses: ['adjective'] },
  best: { senses: ['adjective'], before: words('at her his their our my your its very the') },
  sunny: { senses: ['adjective'] },
  frank: { senses: ['adjective'] },
  drew: { senses: ['verb'], after: words('a an the up on attention her his their pictures picture') },
  hunt: { senses: ['verb', 'noun'], after: words('for down') },
  chase: { senses: ['verb', 'noun'], after: words('up after') },
};

const DETERMINERS = new Set(
  words('the a an this these those my your his her its our their some any no every each much more less such what whose another'),
);
const TITLES = new Set(words('mr mrs ms miss mx dr master aunt auntie aunty uncle nan nana nanna grandma grandad granny grandpa'));
const RELATIONS = new Set(
  words(
    'daughter son child mother mum mom mummy father dad daddy sister brother baby stepson stepdaughter stepmother stepfather ' +
      'stepmum stepdad partner cousin niece nephew grandson granddaughter grandmother grandfather girlfriend boyfriend husband wife twin sibling',
  ),
);
/** Verbs whose object is a person in minutes: "told grace", "visited rose". */
const OBJECT_VERBS = new Set(
  words(
    'told tell tells asked ask asks saw see sees seen met meet meets visited visit visits called phoned rang collected collect ' +
      'supported helped thanked reminded encouraged picked dropped hugged comforted reassured interviewed named',
  ),
);
/** A preposition after a verb that takes a person: "spoke to rose", "lives with hope", "cares for will". */
const VERB_PREPOSITION: Record<string, Set<string>> = {
  to: new Set(
    words(
      'spoke speak speaks talked talk talks explained listened wrote write writes sent gave given read belongs belong introduced apologised said says',
    ),
  ),
  with: new Set(words('lives live lived living stays stay stayed staying spoke met plays played sleeps slept shares shared works worked')),
  for: new Set(words('cares cared caring care looking looked looks')),
  after: new Set(words('looks looked looking look')),
};
/** Verbs a person does in minutes: "grace said", "will is 12", "rose attended". */
const PERSON_VERBS = new Set(
  words(
    'said says told tells asked asks was is has had attended attends lives lived stays stayed went goes came comes wants wanted ' +
      'likes liked loves loved feels felt seemed seems cried disclosed explained reported agreed spoke speaks arrived left refused ' +
      "shouted started needs needed did does didn’t didn't doesn't doesn’t isn't isn’t wasn't wasn’t hasn't hasn’t can't can’t " +
      "won't won’t would could should can must might will thinks thought knows knew sleeps slept plays played got gets took takes " +
      'made makes appeared appears became remains remained continues continued smiled laughed looked looks ran walked shared showed ' +
      'sat stood ate eats wore enjoys enjoyed misses missed hates hated denied confirmed admitted accepted moved',
  ),
);
const SUBJECT_PRONOUNS = new Set(
  words('i we you they he she it who which that there also still all both just only really often always never'),
);
const AUXILIARIES = new Set(
  words("to will would can could should must might may do does did don't don’t didn't didn’t not never always also"),
);
const DEGREE = new Set(
  words(
    'very too so quite more most really is was are were be been looked looks seemed seems feel feels felt became stay stayed painted turned dyed coloured',
  ),
);
const CONNECTORS = new Set(['and', 'or', '&', ',', 'nor']);

/** Whether the lower-case word is one that the name finder must weigh in context before redacting. */
export function isEverydayWord(word: string): boolean {
  return EVERYDAY_WORDS.has(word.toLowerCase());
}

/** The words around a match: `before` nearest first, `after` nearest first; each lower case, punctuation as its own token. */
export interface WordContext {
  before: string[];
  after: string[];
  /** "grace's", "grace’s", "james'": a possessive ending straight after the word. */
  possessive: boolean;
  /** Whether a token is a name the case holds, or initials ("A.S."). */
  isName: (token: string) => boolean;
}

/** True when the words around a lower-case held name show the everyday word, not the person (R-RED-INIT). */
export function readsAsOrdinaryWord(word: string, context: WordContext): boolean {
  const lower = word.toLowerCase();
  const use: OrdinaryUse = LEXICON[lower] ?? { senses: ['noun'] };
  const [previous = '', beforePrevious = ''] = context.before;
  const [next = '', afterNext = ''] = context.after;
  if (context.possessive) return false;
  if (TITLES.has(previous) || RELATIONS.has(previous)) return false;
  // "the grace", "her hope", "a month's grace": a determiner or a possessive makes it a noun phrase.
  if (DETERMINERS.has(previous) || /^\p{L}+['’]s$/u.test(previous)) return true;
  if (OBJECT_VERBS.has(previous) || VERB_PREPOSITION[previous]?.has(beforePrevious)) return false;
  if (use.before?.includes(previous) || use.after?.includes(next)) return true;
  const coordinated = (CONNECTORS.has(previous) && context.isName(beforePrevious)) || (CONNECTORS.has(next) && context.isName(afterNext));
  if (coordinated) return false;
  if (PERSON_VERBS.has(next)) return false;
  const nextIsWord = /^\p{Ll}/u.test(next) && !CONNECTORS.has(next);
  for (const sense of use.senses) {
    if (sense === 'modal' && (SUBJECT_PRONOUNS.has(previous) || nextIsWord)) return true;
    if (sense === 'verb' && (SUBJECT_PRONOUNS.has(previous) || AUXILIARIES.has(previous))) return true;
    if (sense === 'adjective' && (DEGREE.has(previous) || (nextIsWord && !PREPOSITIONS.includes(next)))) return true;
  }
  return false;
}

/** Names that are also everyday words: weighed in context when written in lower case (see readsAsOrdinaryWord). */
const EVERYDAY_WORDS = new Set([
  ...Object.keys(LEXICON),
  ...words(
    'june april august pat sue guy amber ivy iris daisy violet olive pearl sky river robin jay chase hunter miles max ray art gene ' +
      'don wood king hill cook baker fox lane moss bush field ford page law church house street rivers fields waters banks gold ' +
      'silver booth major mason carter star jack hazel',
  ),
]);
