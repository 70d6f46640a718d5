import { ADULT_NOUNS, CHILD_NOUNS } from './words.js';

export interface Subjects {
  /** A child or young person is named: a child word, an age under 18, a school year. */
  child: boolean;
  /** An adult is named as a person in the situation: an adult word, an age of 18 or over. */
  adult: boolean;
  /** A baby or a child under 5 is named: too young to be left without an adult at all. */
  young: boolean;
  /** An animal is named ("the class guinea pig", "our dog"): with no person named, it is whom the message is about. */
  animal: boolean;
  /**
   * The ages of the children named, as far as the message gives them: "a 14 year old", "aged 9",
   * "in year 8" (12 or 13), "a 6 week old" (0). Not bounds ("under 18s") or an adult's childhood.
   */
  ages: number[];
}

const LITTLE_ONES = /\b(?:little|wee) (?:ones?|uns?)\b|\bunder (?:5|five)s?\b/;
const YOUNG_WORDS = new Set([
  'baby',
  'babies',
  'toddler',
  'toddlers',
  'infant',
  'infants',
  'newborn',
  'tot',
  'tots',
]);

const AGE =
  /\b(\d{1,3})\s*-?\s*(?:years?|yrs?)[\s-]+old|\baged?\s+(\d{1,3})\b|\b(?:she|he|they|\w+)(?:'s| is| are|'re)\s+(?:now\s+)?(\d{1,2})\b(?!\s*(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?|miles?|am|pm|%|o'?clock|[.:]\d))|\((\d{1,2})(?:\s*(?:and|&|,|\/)\s*\d{1,2})*(?=\)|,\s*[a-z])|\b(?:about|around|roughly|maybe|approx)\s+(\d{1,2})\b(?!\s*(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?|miles?|am|pm|%|o'?clock|[.:]\d|people|kids|children|men|times))|\b(?:under|over)\s+(\d{1,2})s?\b|\bwhen (?:i|she|he|they|we) (?:was|were) (\d{1,2})\b(?!\s*(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?))|\b(?:girls?|boys?|lads?|sons?|daughters?|child|kids?|pupils?|students?|yp|sisters?|brothers?|teens?|nieces?|nephews?)(?:,\s*|\s+)(\d{1,2})(?=\s*(?:,|\)|yo\b|y\/o|and\b|\.|$))|(?:^|,\s*|\b(?:is|who's|who is|since|just|has|had|he's|she's|they've)\s+)(?:now|turned)\s+(\d{1,2})\b(?!\s*(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?|miles?|am|pm|%|o'?clock|[.:]\d|people|kids|children|of|times|pupils|cases))|\b(?:patient|resident|client|service user|woman|man|lady|gentleman|mum|dad|mother|father|tenant|neighbour|nurse|trainee|apprentice|leaver|volunteer|colleague|cleaner|student|child|daughter|son)\s*(?:,|is now|now)?\s*(\d{2})\b(?!\s*(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?|miles?|yards?|am|pm|%|o'?clock|[.:]\d|times|people))|\b(?:looks?|looking|seems?|appears?) (?:about |around |like |maybe |no (?:more|older) than )?(1[0-7]|[1-9])\b(?!\s*(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?|miles?|am|pm|%|o'?clock|[.:]\d|times))|\b(?:girls?|boys?|lads?|sons?|daughters?|child|kids?|pupils?|students?|yp|teens?|nieces?|nephews?)\s+(1[0-7]|[1-9])\s+(?!(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|miles?|times|am|pm|of|goals?|points?|o'?clock|percent|x|and|or|to)\b)(?=[a-z])/g;
// "as a child", "in her childhood", "when he was little": the adult's own childhood, no child now.
const OWN_CHILDHOOD =
  /\b(?:as a (?:child|kid|teenager|teen|youngster|little (?:girl|boy))|in (?:his|her|their|my|your) (?:childhood|teens|youth)|when (?:i|she|he|they|we) (?:was|were) (?:a )?(?:child|children|kid|kids|little|young|teenager|teen|at school|in school))\b/g;
const UNBORN =
  /(?<!(?:\bnot|n't|\bno|\bnever been) )\b(?:pregnant|pregnancy|mums?-to-be|mothers?-to-be|unborn|expectant (?:mum|mother)s?)\b/;
// "an 18 month old", "a 6 week old baby": a baby, whatever the number.
const BABY_AGE = /\b\d{1,2}\s*(?:months?|weeks?|days?)[ -]old\b/;
// "in 8R", "two boys in 9X": a form group is a class of pupils (not "at 3pm", "in 2nd", "in 5s").
const SCHOOL =
  /\b(?:year|yr)\s?(?:[1-9]|1[0-3])s?\b|\b(?:in|from|of) (?:[1-9]|1[0-3])(?!(?:am|pm|st|nd|rd|th|s|h|m|k|hrs?|mins?)\b)[a-z]{1,2}\b|\b(?:reception class|nursery|primary school|foster (?:child|son|daughter|placement|carer)|looked after|children'?s home|pupil|young (?:person|people))\b/;
// "no kids in the picture", "not a child", "adult son", "kids are grown up": a child word that names no child here.
const NO_CHILD =
  /\b(?:no|no other|not a|not about a|without|(?:'s|has|have|'ve) got no|(?:don't|do not|doesn't|does not|didn't|haven't|hasn't|never had)(?: have| got)?(?: any)?|(?:have|has|had) no) (?:kids?|child(?:ren)?)\b|\bno (?:pupils?|students?|young people|under[- ]18s|minors) (?:involved|at risk|in the (?:picture|house|home|family))\b|\b(?:not|no longer) (?:under 18|a child|a minor)(?: any ?more)?\b|\b(?:adult|grown[ -]?up) (?:son|daughter|child(?:ren)?|kids?)\b|\bnot a (?:child|kid|children's) (?:thing|matter|issue|case)\b|\b(?:not|nothing)(?: work| really)? (?:related|to do) (?:to|with|for) (?:kids|children|a child|pupils|young people)\b|\bnot a (?:pupil|student|young person|minor)\b|\bnot about (?:a|an|the|my|our|her|his|their|one of (?:my|our|the)) (?:baby|babies|child(?:ren)?|kids?|son|daughter|pupil|student)s?\b|\b(?:kids|children) (?:are|were|have) (?:all |both )?(?:grown|adults|left)|\b(?:ex-? ?|former )(?:foster )?(?:pupils?|students?|child|children|daughter|son|kids?)\b/g;
// "his kids live with their mum abroad", "I'm the safeguarding lead for kids and youth": children
// who are elsewhere, or the writer's remit, name no child in the situation.
const CHILDREN_ELSEWHERE =
  /\b(?:his|her|their) (?:kids|children) (?:live|are living|are) (?:with (?:their|his|her) (?:mum|dad|mother|father|other parent)|abroad|overseas|elsewhere)\b|\b(?:lead|leader|officer|coordinator)s? for (?:the )?(?:kids|children|young people|youth)(?: and (?:kids|children|young people|youth))?\b/g;
// "an adult victim", "vulnerable adult", "adult female", "one of our adult players": the person is an adult.
const ADULT_VICTIM =
  /\b(?:vulnerable adults?|adults? at risk|adult (?:(?:dv|da|domestic abuse|domestic violence|rape|sexual assault) )?(?:(?:victim|survivor|patient|student|learner|client|service user|player|member|volunteer|resident|participant|trainee|apprentice|athlete|worshipper|parishioner|colleague)s?|female|male|woman|man|women|men|safeguarding|social care|services?|mental health))\b/g;
// …and of those, the ones that frame the whole message as an adult's (not "an adult man" who harmed a child).
const ADULT_FRAMING =
  /\b(?:vulnerable adults?|adults? at risk|adult (?:patient|client|service user|safeguarding|social care|services?|mental health|learner|(?:medical |surgical )?wards?|units?|teams?))\b|\b(?:(?:uni|university) students?|students? (?:at|in) (?:uni|university|halls)|(?:off|on) campus|in halls|halls of residence|undergraduates?|postgraduates?|freshers?|(?:first|second|third|final)[- ]year (?:students?|undergrads?)|my office hours|as (?:her|his|their|my) (?:line )?manager|support for staff|staff wellbeing|(?:this|it)(?:'s| is) about me\b|my own situation|(?:a |an )?(?:[\w-]+ )?(?:abuse )?survivor myself|(?:harassing|abusing|stalking|hitting|threatening|bullying|controlling) me (?:at work|at home))\b/;
const ADULT_AGE_WORDS =
  /\b(?:in (?:his|her|their) (?:20s|30s|40s|50s|60s|70s|80s|90s|twenties|thirties|forties|fifties|sixties|seventies|eighties)|\d0s)\b/g;

// "the old boy on my beat", "an old fella", "elderly": an older adult. Not "a 10 year old boy".
const OLD_AGE =
  /\b(?:elderly|pensioner|in (?:her|his|their) (?:early |mid |late )?[2-9]0s|(?:^|,\s*)(?:early |mid |late )?[2-9]0s(?=[,.)]|\s*(?:has|is|says|said|and))|older (?:members?|congregation|parishioners?|residents?|person|people|adults?|gentleman|gent|lady|ladies|neighbours?|relatives?|patients?|clients?|customers?|volunteers?|shoppers?)|\b[2-9]0ish\b|old (?:lady|man|woman|dear|gent|gentleman)|grandmother|grandfather)\b|(?:^|(?<!\b(?:years?|yrs?))[-:,.;]\s*|\b(?:an|the|this|that|one|poor) )old (?:boy|girl|fella|chap)\b/;
// Adult social care's own processes: the people in them are adults, whatever else the message calls them.
const ADULT_PROCESS = /\b(?:care act|s\.?\s?42|section 42|adult social care)\b/;
const ADULT_CONDITION = /\b(?:dementia|alzheimer'?s)\b/;
const ROLE_YEAR =
  /\b(?:year|yr) ?(?:[1-9]|1[0-3]) (?:class )?(?:teachers?|leads?|leaders?|tutors?|team|co-?ordinators?|heads?)\b|\bhead of (?:year|yr) ?(?:[1-9]|1[0-3])\b/g;
const SCHOOL_YEAR_NUMBER = /\b(?:year|yr)\s?([1-9]|1[0-3])s?\b/g;
const SCHOOL_YEAR =
  /\b(?:year|yr)\s?(?:[1-9]|1[0-3])s?\b|\b(?:reception class|nursery|primary school|pupil)\b/;

const ADULT_TOO = new Set([
  'placement',
  'student',
  'students',
  'son',
  'daughter',
  'sons',
  'daughters',
  'lad',
  'lads',
  'girl',
  'girls',
  'boy',
  'boys',
  'sibling',
  'niece',
  'nephew',
  'grandson',
  'granddaughter',
  'stepson',
  'stepdaughter',
]);

const ANIMALS = new Set(
  `pet pets dog dogs puppy puppies cat cats kitten kittens hamster hamsters rabbit rabbits bunny guinea
  gerbil gerbils horse horses pony ponies tortoise goldfish fish budgie parrot chickens hens lamb lambs
  ferret snake lizard`.split(/\s+/),
);

type Gender = 'f' | 'm' | '?';
const GENDER_OF = new Map<string, Gender>([
  ...'girl girls daughter daughters niece granddaughter stepdaughter'
    .split(' ')
    .map((w) => [w, 'f'] as const),
  ...'boy boys son sons lad lads nephew grandson stepson'.split(' ').map((w) => [w, 'm'] as const),
]);
const MALE_WORDS = new Set(
  'he hes him his man men bloke blokes guy guys boyfriend uncle dad father stepdad husband fella'.split(' '),
);
const FEMALE_WORDS = new Set(
  'she shes her woman women lady girlfriend aunt auntie mum mother stepmum wife'.split(' '),
);
/**
 * Whose an age is: the person word nearest before it ("he's about 40", "her boyfriend who's 22",
 * "her son (24)").
 */
function genderAt(lower: string, at: number, length: number): Gender {
  const words = lower.slice(Math.max(0, at - 24), at + length).match(/[a-z]+/g) ?? [];
  for (let k = words.length - 1; k >= 0; k--) {
    const w = words[k]!;
    const g = GENDER_OF.get(w) ?? (MALE_WORDS.has(w) ? 'm' : FEMALE_WORDS.has(w) ? 'f' : undefined);
    if (g) return g;
  }
  return '?';
}

const parseWords = (lower: string) => lower.match(/[a-z]+/g) ?? [];

/** Who the message is about: children, adults, or both. */
export function subjectsOf(text: string): Subjects {
  let lower = text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    // "the baby room", "toddler room": a nursery's rooms are places, not children.
    .replace(/\b(?:baby|babies|toddler|toddlers) (?:room|unit)\b/g, ' setting room ')
    // "a nursery colleague", "nursery staff": the adults who work there, not a nursery class.
    .replace(
      /\bnursery (?:colleagues?|staff|workers?|nurses?|managers?|practitioners?|assistants?|owners?)\b/g,
      ' setting staff ',
    )
    // "I'm a year 4 teacher", "head of year 9": the writer's role names their class, no child here.
    .replace(ROLE_YEAR, ' staff role ')
    .replace(NO_CHILD, ' grownup ')
    .replace(CHILDREN_ELSEWHERE, ' elsewhere ')
    .replace(OWN_CHILDHOOD, ' back then ')
    // A team's age group ("our U15s", "the u-12 girls") is read as "under 15s".
    .replace(/\bu-?(\d{1,2})(s?)\b/g, 'under $1$2')
    // (A word put in for a phrase keeps one space each side: "former foster son is 22" → "grownup is 22".)
    .replace(/ {2,}/g, ' ');
  // "adult patient with dementia, his daughter…": framed as an adult's situation, so the family around
  // them are adults too (unless an age or a school year says otherwise).
  const framedAsAdult = ADULT_FRAMING.test(lower);
  lower = lower.replace(ADULT_VICTIM, ' grownup ');
  let young = BABY_AGE.test(lower) || LITTLE_ONES.test(lower);
  // A pregnancy names an unborn child: pre-birth safeguarding is children's safeguarding.
  let child = young || UNBORN.test(lower);
  let adult = false;
  // "when she was 12", told by an adult of 45: a childhood then, not a child now (unless no adult is named).
  let childhoodAge = false;
  const ages: number[] = BABY_AGE.test(lower) ? [0] : [];
  const adultAgeGenders = new Set<Gender>();
  for (const m of lower.matchAll(ADULT_AGE_WORDS)) {
    adult = true;
    adultAgeGenders.add(genderAt(lower, m.index ?? 0, m[0].length));
  }
  for (const m of lower.matchAll(AGE)) {
    const given = Number(
      m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8] ?? m[9] ?? m[10] ?? m[11] ?? m[12],
    );
    // "under 18s" are children: the age named is the first one not included.
    const age = m[6] !== undefined && m[0].startsWith('under') ? given - 1 : given;
    if (Number.isFinite(age)) {
      if (age < 18 && m[7] !== undefined) childhoodAge = true;
      else if (age < 18) {
        child = true;
        if (m[6] === undefined) ages.push(age);
      } else if (age < 120) {
        adult = true;
        adultAgeGenders.add(genderAt(lower, m.index ?? 0, m[0].length));
      }
      if (age < 5) young = true;
    }
  }
  // An elderly person's son or grandson is an adult too, as is a son or daughter in an adult-services
  // process (a Care Act s42 enquiry).
  // Dementia names an older adult as surely as an age does.
  const adultAge =
    adult || framedAsAdult || OLD_AGE.test(lower) || ADULT_PROCESS.test(lower) || ADULT_CONDITION.test(lower);
  if (adultAge) adult = true;
  const olderAdult =
    framedAsAdult ||
    OLD_AGE.test(lower) ||
    ADULT_PROCESS.test(lower) ||
    ADULT_CONDITION.test(lower) ||
    /\b(?:[5-9]\d|1[01]\d)\s*(?:-?\s*years?[\s-]+old|yrs?\b)|\b[5-9]0s\b/.test(lower);
  if (childhoodAge && !adultAge) child = true;
  // "our former foster daughter is 20 now", "a trainee (23) on placement": with only adult ages given,
  // a care relationship or a placement names the adult; a school year or a pupil still names a child.
  const onlyAdultAges = adultAge && !child;
  if (SCHOOL.test(lower) && (!onlyAdultAges || SCHOOL_YEAR.test(lower))) child = true;
  const words = parseWords(lower);
  let animal = false;
  for (const t of words) {
    if (ANIMALS.has(t)) animal = true;
    // "a 19 yr old student", "84yo patient … daughter": with only adult ages given, words that can
    // name an adult too do not make the message about a child.
    // Unless the adult ages are all another person's: "a girl … he's about 40" names a girl and a man.
    const ageMayBeTheirs = [...adultAgeGenders].some((g) => g === '?' || g === GENDER_OF.get(t));
    // (An older adult's son or daughter is grown up, whoever's age is given.)
    const onlyOthersAges = adultAgeGenders.size > 0 && !ageMayBeTheirs && GENDER_OF.has(t) && !olderAdult;
    if (CHILD_NOUNS.has(t) && !(adultAge && !child && ADULT_TOO.has(t) && !onlyOthersAges)) child = true;
    if (YOUNG_WORDS.has(t)) young = true;
    if (ADULT_NOUNS.has(t)) adult = true;
  }
  // Year 1 is the year a child turns 6: year N holds children of N + 4 and N + 5.
  for (const m of lower.matchAll(SCHOOL_YEAR_NUMBER)) ages.push(Number(m[1]) + 4, Number(m[1]) + 5);
  return { child: child || young, adult, young, animal, ages };
}
