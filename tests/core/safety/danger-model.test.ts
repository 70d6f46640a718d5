import { describe, expect, it } from 'vitest';
import { detectImmediateDanger } from '../../../src/core/safety/escalation.js';
import { clausesOf, readClause } from '../../../src/core/safety/danger/reading.js';
import { subjectsOf } from '../../../src/core/safety/danger/subject.js';
import { parse } from '../../../src/core/understanding/nlp.js';

const escalates = (text: string) => detectImmediateDanger(text).escalate;
// The rules alone, without the learned layer: a class read by a rule, not left to the layer.
const RULES_ONLY = { bias: 0, weights: {}, threshold: 2, trainedOn: [] };
const byRules = (text: string) =>
  detectImmediateDanger(text, parse(text), subjectsOf(text), RULES_ONLY).escalate;
const reading = (text: string) => {
  const [sentence] = parse(text);
  const [clause] = clausesOf(sentence!);
  return readClause(clause!, sentence!.text);
};

describe('danger model: who', () => {
  it.each([
    ['a 14 year old told me', { child: true, adult: false }],
    ['she is in year 8', { child: true, adult: false }],
    ['a 19 year old student was assaulted by another student (21)', { child: false, adult: true }],
    ['84 year old patient, her daughter takes her pension', { child: false, adult: true }],
    ['a woman whose husband hits her, no kids in the picture', { child: false, adult: true }],
    ['the man who abused her is outside', { child: false, adult: false }],
    // An age told as "now 20" or "turned 18"; a care relationship or placement with only adult ages.
    ['former client, now 20 and on probation', { child: false, adult: true }],
    ['our former foster daughter is 20 now and lives alone', { child: false, adult: true }],
    ['a trainee teacher (23) on placement told me', { child: false, adult: true }],
    ['my foster son (14) is now 15', { child: true, adult: false }],
    ['one of our girls, 14, got into a car with two men in their 20s', { child: true, adult: true }],
    ['boy 12 and his sister 9 were left', { child: true }],
    ['her foster daughter in year 10', { child: true, adult: false }],
    // Older adults and adult-services processes.
    ['old boy on my beat, lives alone, house full of rubbish', { child: false, adult: true }],
    ['a 10 year old boy on my beat', { child: true, adult: false }],
    ['s42 enquiry for a woman neglected by her son', { child: false, adult: true }],
    ['adult patient with dementia, his daughter refuses his treatment', { child: false, adult: true }],
    ['vulnerable adult, her son (9) is a young carer', { child: true }],
    // "under 18s" are children; "over 18s" adults.
    ['no unsupervised contact with under 18s', { child: true, adult: false }],
    ['a club for over 18s', { child: false, adult: true }],
    // A former pupil with an adult age, children said to live elsewhere, the writer's own remit.
    ['a former student, 22 now, says her partner hits her', { child: false, adult: true }],
    // A form group names a pupil; a time or an ordinal does not.
    ['a boy in 9X told me his dad hits him', { child: true }],
    ['the man came in at 3pm and again in 2nd period', { child: false }],
    ['an ex-pupil (15) at another school now', { child: true }],
    [
      'a caretaker (his children live with their mother abroad) says his wife hits him',
      { child: false, adult: true },
    ],
    [
      "a volunteer in her 60s has bruises; I'm the safeguarding lead for children",
      { child: false, adult: true },
    ],
  ])('%s', (text, expected) => expect(subjectsOf(text)).toMatchObject(expected));

  it.each([
    ['a 6 month old', true],
    ['the 2 year old', true],
    ['2 little ones upstairs with me', true],
    ['kids under 5 in the car', true],
    ['her toddler', true],
    ['a 7 year old', false],
    ['a 14 year old told me', false],
  ])('young (a baby or a child under 5): %s', (text, young) => {
    expect(subjectsOf(text)).toMatchObject({ child: true, young });
  });

  it('an adult-only situation is not escalated here; a child with an adult is', () => {
    expect(escalates('my colleague says her husband is hitting her right now')).toBe(true); // strong now wins
    expect(escalates('a woman whose husband is controlling and hitting her, no kids in the picture')).toBe(
      false,
    );
    expect(escalates('her stepdad is hitting her, she is 12')).toBe(true);
  });
});

describe('danger model: what', () => {
  it.each([
    ['they wont let her leave the flat', 'confine'],
    ['a group of boys holding a boy down on the field', 'confine'],
    ['he is insisting on taking her home', 'take'],
    ['her uncle is collecting her from school', 'take'],
    ['the man is waiting outside in the car', 'presence'],
    ['she is on a video call with someone telling her to take her clothes off', 'undress'],
    ['she has taken a load of tablets', 'selfHarm'],
    ['he says he will hurt her', 'threat'],
    ['he has a knife', 'weapon'],
    ['the child is bleeding', 'injury'],
  ] as const)('%s → %s', (text, part) => expect(reading(text)[part]).toBe(true));

  it('an object that is not a person is not held, and a file that cannot be found is not a missing child', () => {
    expect(reading('the medication is locked in the cupboard').confine).toBe(false);
    expect(reading('I cannot find her records on the system').missing).toBe(false);
  });
});

describe('danger model: when', () => {
  it.each([
    ['he is still in there with her', { now: true, past: false }],
    ['he told the office he is collecting her today at 3.15', { now: true, past: false }],
    ['her brother is waiting outside in the car', { now: false, past: false }],
    ['she was assaulted last year', { now: false, past: true }],
    ['in 2022 a boy exposed himself on a trip', { now: false, past: true }],
  ])('%s → %o', (text, when) => {
    const r = reading(text);
    expect({ now: r.now, past: r.past }).toEqual(when);
  });

  it('a harm verb after a preposition is a gerund, not an event going on', () => {
    expect(reading('he has been charged with sexually assaulting a classmate').ongoingHarm).toBe(false);
    expect(reading('she is being sexually assaulted').ongoingHarm).toBe(true);
  });
});

describe('danger model: past, resolved, hypothetical, fail-safe', () => {
  it('past events do not escalate', () => {
    expect(escalates('A girl in year 9 told us a classmate groped her at the bus stop last Tuesday')).toBe(
      false,
    );
    expect(escalates('she disclosed that a neighbour abused her when she was 8, he died years ago')).toBe(
      false,
    );
  });
  it('resolved situations do not escalate', () => {
    expect(
      escalates('police removed her stepdad overnight and she is with her nan, a social worker is allocated'),
    ).toBe(false);
    expect(
      escalates('the 16 year old was charged and bailed out of county with conditions not to contact her'),
    ).toBe(false);
  });
  it('hypothetical and training framing does not escalate, unless it says right now', () => {
    expect(
      escalates('scenario for training: a child is locked in a bedroom by an adult, what would we do?'),
    ).toBe(false);
    expect(
      escalates('what if a child says their carer is touching them and the carer is away till monday?'),
    ).toBe(false);
    expect(
      escalates(
        'what do I do if a child is being abused at home right now and is scared to go back tonight?',
      ),
    ).toBe(true);
  });
  it('the person who harmed her is present now: escalates even though the harm itself was before', () => {
    expect(
      escalates("her step brother is outside her bedroom door. he's done things to her before. she's 13"),
    ).toBe(true);
  });
  it('fail-safe: serious present-tense harm with nothing dating it escalates; a definition question does not', () => {
    expect(escalates('my pupil says her uncle rapes her')).toBe(true);
    expect(escalates('what counts as rape between two 15 year olds?')).toBe(false);
  });
  it('reasons are fixed sentences, never the words of the message', () => {
    const { reasons } = detectImmediateDanger(
      'Zebedee is locking the girl in the shed tonight, Quentin says',
    );
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(r).not.toMatch(/zebedee|quentin|shed/i);
  });
});

describe('danger model: threats, fear, doors and disclosures (second round)', () => {
  it('who: negated child words and ages told in the past', () => {
    expect(subjectsOf("her husband is abusive. they don't have children")).toMatchObject({
      child: false,
      adult: true,
    });
    expect(subjectsOf('my own ex assaulted me when I was 22')).toMatchObject({ adult: true, child: false });
    expect(subjectsOf('his little cousins (7 and 9) are visiting').child).toBe(true);
  });

  it('a threat reported in what someone said, and in what threats are said with', () => {
    expect(reading("he said he'd finish what he started tonight").threat).toBe(true);
    expect(reading("he says he'll sort her out when she gets home").threat).toBe(true);
    expect(reading("mum's new fella is coming for her after school").threat).toBe(true);
    expect(reading("he said he'd pick her up tonight").threat).toBe(false);
    expect(
      escalates(
        "yr 8 girl's stepdad is picking her up at 3.15 and last night he said he'd finish what he started. its 2.50",
      ),
    ).toBe(true);
  });

  it('"once I\'m asleep" looks ahead; "and last night" starts a clause of its own', () => {
    expect(reading("he's saying he'll do it again once I'm asleep").past).toBe(false);
    expect(
      escalates(
        "Found my 13 year old foster son in bed with my 6 year old. He's saying he'll do it again once I'm asleep",
      ),
    ).toBe(true);
    expect(reading('it happened once before the summer').past).toBe(true);
  });

  it('a child hiding or passing a note for help while someone is there', () => {
    expect(escalates("Student just texted 'hes back and got the belt out im hiding in the wardrobe'")).toBe(
      true,
    );
    expect(
      escalates(
        "15 year old in cubicle 4, the man with her says he's her uncle. she has written 'not my uncle help' on a tissue",
      ),
    ).toBe(true);
    expect(escalates('a 12 year old was hiding in the library at lunch because of exams')).toBe(false);
  });

  it('someone behind a locked or wedged door with a child, going on now', () => {
    expect(escalates("he's still in there with her and the door is locked, she's 9")).toBe(true);
    expect(
      escalates(
        "The older one (15) has gone into the 11 year old's room and wedged the door shut, we can hear crying",
      ),
    ).toBe(true);
    expect(
      escalates('last year he locked the door when he was alone with her; he has since moved away'),
    ).toBe(false);
  });

  it('a collection at a time today, by someone who may harm the child', () => {
    expect(escalates("4 year old said 'daddy's friend hurts my bum'. the friend is collecting at 12")).toBe(
      true,
    );
    // Mum collecting is not someone taking the child (the learned layer may still weigh the whole).
    expect(
      detectImmediateDanger('the 6 year old says her dad hits her. mum is collecting at 3').reasons,
    ).not.toContain('child about to be taken by, or left with, someone who may harm them');
  });

  it('resolved: "in custody" resolves, a custody sergeant does not; children said to be fine are safe', () => {
    expect(
      escalates(
        'custody sgt. 15yo says the men he runs for are sat outside the station and will stab him when he walks out',
      ),
    ).toBe(true);
    expect(
      escalates(
        'a man was hanging round the gate taking photos, police moved him on, all the children are fine',
      ),
    ).toBe(false);
    expect(
      detectImmediateDanger(
        "dad turned up aggressive, he's been arrested and taken away, the child is with her nan now",
      ).reasons,
    ).not.toContain('the person who may harm the child is present or on the way');
  });

  it('a retold beating is a same-day referral; retold rape or sexual abuse still leads with 999', () => {
    expect(escalates('a boy in year 8 told me this morning his stepdad hits him with a slipper')).toBe(false);
    expect(escalates('a kid told me their dad hits them with a belt when they have a bad race')).toBe(false);
    expect(escalates('my pupil says her uncle rapes her')).toBe(true);
    expect(escalates("6 year old just told me mum's boyfriend puts his willy in her mouth")).toBe(true);
  });
});

describe('danger model: who is the threat, and questions asked ahead (third round)', () => {
  it('the parent or officer who has come in to tell you is not the threat', () => {
    expect(
      escalates(
        'parent has come in with screenshots - a man on roblox has been asking her 9 year old to send pics. where does this get reported?',
      ),
    ).toBe(false);
    expect(escalates("mum's boyfriend has just come in and the 6 year old says he hurts her")).toBe(true);
  });

  it('"has been abusing" is a pattern told as such; "what do I do if…" asks ahead', () => {
    expect(reading('he has been sexually abusing his younger sibling').presentHarmVerb).toBe(false);
    expect(
      escalates(
        "what do i do if my foster daughter doesn't come home when she's meant to, how long do i wait before ringing the police",
      ),
    ).toBe(false);
  });

  it('taking a child out of hospital while she signals for help', () => {
    expect(
      escalates(
        "15 year old in cubicle 4, the man who brought her in says he's her uncle. she has written 'not my uncle help' on a tissue. he's asking to discharge her",
      ),
    ).toBe(true);
  });
});

describe('danger model: tense, routine and framing (fourth round)', () => {
  it('a past auxiliary carries its verbs into the past: "were holding", "was going to"', () => {
    expect(reading('two older boys were holding him down behind the sports hall').past).toBe(true);
    expect(reading('she was going to take an overdose').past).toBe(true);
    expect(reading('two older boys are holding him down behind the sports hall').past).toBe(false);
    expect(
      escalates(
        'two older boys were holding him down behind the sports hall, a teacher stopped it and he went home',
      ),
    ).toBe(false);
  });

  it('a pattern over weeks or a routine is not an event now', () => {
    expect(reading('for the last few weeks she has come in hungry with bruises').past).toBe(true);
    expect(reading('her dad hits her whenever he has been drinking').routine).toBe(true);
    expect(reading('his mum slaps him when she gets angry').habit).toBe(true);
    expect(escalates('a year 5 boy says his mum slaps him when she gets angry, what do I do')).toBe(false);
    expect(escalates('her dad is hitting her in the kitchen, I can hear it')).toBe(true);
  });

  it('conditional framing covers its whole sentence', () => {
    expect(
      escalates(
        'if a child said her brother was taking her to a party tonight where men would be, what should I do',
      ),
    ).toBe(false);
    expect(
      escalates('what should a lunchtime supervisor do if a pupil is being punched in the playground'),
    ).toBe(false);
    expect(escalates('a pupil is being punched in the playground by three boys now')).toBe(true);
  });

  it('coercive control told as a pattern is not a child held now', () => {
    expect(reading("her partner won't let her go out without him").confine).toBe(false);
    expect(reading("her dad won't let her go out at all").confine).toBe(false);
    expect(reading("he won't let her out of the bedroom").confine).toBe(true);
  });

  it('going back to class is not being taken; a thing of hers taken is not her', () => {
    expect(reading('he refuses to go back to class and is shouting').take).toBe(false);
    expect(reading('she is being sent back to her dad tonight').take).toBe(true);
    expect(reading('her brother takes her bank card every week').take).toBe(false);
    expect(reading('her brother is taking her to his flat').take).toBe(true);
  });

  it('collection by a protective carer, and safe-now statements, do not escalate', () => {
    expect(reading('the boy is being collected by his nan at 3').take).toBe(false);
    expect(escalates('the police took him away and everyone is fine now, what do I write up')).toBe(false);
    expect(escalates('she is with her aunt now and doing well')).toBe(false);
  });

  it('"X\'s here" after a noun is "is", not a possessive', () => {
    const [sentence] = parse("the stepdad's here");
    expect(sentence!.tokens.find((t) => t.norm === "'s")).toMatchObject({ pos: 'AUX', lemma: 'be' });
    const [owned] = parse("the stepdad's car");
    expect(owned!.tokens.find((t) => t.norm === "'s")?.pos).toBe('PART');
    expect(escalates("her stepdad's here and she's hiding in the toilets")).toBe(true);
  });

  it('a time of day with every main verb in the past is earlier today; "mins ago" is moments ago', () => {
    expect(reading('this morning at the after school club a volunteer grabbed him by the arm').now).toBe(
      false,
    );
    expect(reading('he grabbed her by the arm at 3.15 when she would not sit down').now).toBe(false);
    expect(reading('she ran off with him 20 mins ago').now).toBe(true);
    expect(reading('he is taking her to the after school club now').now).toBe(true);
    expect(
      escalates(
        'a parent told me this morning that a volunteer at the after school club pushed her son against a wall. what is the process?',
      ),
    ).toBe(false);
  });

  it("a baby's age in months or weeks names a child, not an adult of that many years", () => {
    expect(subjectsOf('her 18 month old')).toMatchObject({ child: true, adult: false, young: true });
    expect(subjectsOf('a 6 week old baby')).toMatchObject({ child: true, adult: false, young: true });
    expect(subjectsOf('a 6 week old baby').ages).toEqual([0]);
  });

  it('a note with no verb describes what is in front of the writer', () => {
    expect(escalates('toddler in reception floppy and grey, dad says she is fine')).toBe(true);
    expect(escalates('5 year old with old burns on his hands, what do I do')).toBe(false);
  });

  it('self-harm told as what she does is a same-day concern; self-harm going on now is 999', () => {
    expect(escalates('do I have to tell her parents she is self harming')).toBe(false);
    expect(escalates('a year 10 girl is self harming in the toilets right now')).toBe(true);
  });

  it('a baby seriously unwell now: limp, a bulging fontanelle', () => {
    expect(reading('the baby is limp and not feeding').injury).toBe(true);
    expect(escalates('dad has just brought in his 3 month old, she is limp and floppy')).toBe(true);
  });
});

describe('danger model: third round (young children alone, incapacity, "he" after a named harmer, vehicles)', () => {
  it('a baby or a child under 5 with no adult there, now; not in the past, resolved, or an older child', () => {
    expect(escalates('just found a 3 year old wandering on his own in the stairwell, no parent about')).toBe(
      true,
    );
    expect(escalates('toddler asleep in a car outside the shop, no adult with her, windows shut')).toBe(true);
    expect(escalates('the baby is in the flat by herself, mum went out an hour ago')).toBe(true);
    expect(
      escalates('last month a neighbour left her toddler alone for an hour, what should I have done'),
    ).toBe(false);
    expect(escalates('the baby we found alone is now with foster carers and doing well')).toBe(false);
    expect(escalates('a 13 year old is often on her own in the park after school')).toBe(false);
    expect(
      escalates(
        'her elderly dad lives with them and is left alone all day. the baby is thriving, who helps him',
      ),
    ).toBe(false);
  });

  it('a child too drunk, drugged or unwell to keep safe, now', () => {
    expect(escalates('a girl of about 12 at the bus stop is semi conscious and two men are with her')).toBe(
      true,
    );
    expect(escalates('a 15 year old at the party can barely stand and keeps being sick')).toBe(true);
    expect(escalates('he was drugged at a party last year and is now in therapy')).toBe(false);
    expect(reading('she can stand up for herself').incapacitated).toBe(false);
  });

  it('"he" at a place, after a clause naming him as harming the child, is the harmer present', () => {
    expect(
      escalates(
        'the girl says her uncle has been abusing her and he is sitting in reception waiting for her',
      ),
    ).toBe(true);
    expect(escalates('her brother sexually harmed her. can he stay in the home while we assess?')).toBe(
      false,
    );
  });

  it('a child put into a vehicle or led away by someone, and someone coming to take the children', () => {
    expect(escalates('two men are trying to get her into their van, she is 12 and crying')).toBe(true);
    expect(
      escalates('an older man is pulling a schoolgirl towards the car park by her arm, she looks terrified'),
    ).toBe(true);
    expect(
      escalates(
        'their dad is banned from contact and says he is coming to take the kids, they are at home with me',
      ),
    ).toBe(true);
  });

  it('the safe side taking, injuries healed or absent, and "she\'s back" are not danger now', () => {
    expect(escalates('the police came and took him away, and her mum has since collected her')).toBe(false);
    expect(escalates('she used to self harm, the cuts are all healed now. do I tell the DSL?')).toBe(false);
    expect(escalates('the missing girl was found by police, she is back at the home, no injuries')).toBe(
      false,
    );
    expect(reading("she's back after the holidays").presence).toBe(false);
  });
});

describe('danger model: third round, continued (patterns, sextortion, poisoning, pleas, framing)', () => {
  it('a child who keeps going missing is a pattern to act on, not missing now', () => {
    expect(escalates('our 15 year old keeps going missing overnight and comes back with cash')).toBe(false);
    expect(escalates('he goes missing most weekends, what else should we do')).toBe(false);
    expect(escalates('she went missing at 9pm and has not been found, she is 13')).toBe(true);
  });

  it('a threat to share images is sextortion (same day), not a threat of violence now', () => {
    expect(escalates('her ex is threatening to post her nudes unless she sends more, she is 15')).toBe(false);
    expect(escalates("he says he'll share the pics tonight and she says she wants to kill herself")).toBe(
      true,
    );
    expect(escalates('her ex says he will beat her up after school today, she is 14')).toBe(true);
  });

  it('a child who has swallowed medicine or a poison, unless already in medical hands', () => {
    expect(escalates('my 3 year old has swallowed some of my tablets, he is really sleepy')).toBe(true);
    expect(escalates('the toddler who drank bleach is in resus and stable now, do I refer')).toBe(false);
  });

  it('a child asking for help, or a call cut off mid-plea', () => {
    expect(escalates('the 10 year old in the back of the car mouthed "help me" at me at the lights')).toBe(
      true,
    );
    expect(
      escalates('a 14 year old rang crying that he was hurting her mum and then the line went dead'),
    ).toBe(true);
  });

  it('an adult in a child\u2019s room or tent at night or behind a shut door', () => {
    expect(escalates("a volunteer is in a 9 year old's tent at 1am and won't come out")).toBe(true);
    expect(escalates("the night worker is in the 14 year old's bedroom with the door shut")).toBe(true);
  });

  it('asking ahead, for the future or for an exam, is not danger now', () => {
    expect(escalates('for future reference, if a kid is being hit in the street what do I do')).toBe(false);
    expect(
      escalates('revising for my exam: when can police use police protection for a child left alone'),
    ).toBe(false);
    expect(escalates('not a live job - say we find a baby alone in a flat, what are the powers')).toBe(false);
  });

  it('"kicking off", "starving at breakfast", a group chat and "won\'t let me see them" are not harm now', () => {
    expect(escalates("dad's kicking off about the referral, do I still share with police")).toBe(false);
    expect(escalates('the 2 year old is starving at breakfast every morning, what do I do')).toBe(false);
    expect(escalates('a 14 year old shared a nude of a 13 year old in a group chat')).toBe(false);
    expect(reading("the parents won't let me see the children").confine).toBe(false);
  });

  it('residence and relationships are not someone there now; a person outside is', () => {
    expect(escalates('she is having sex with her 15 year old boyfriend, do I report it')).toBe(false);
    expect(escalates("her mum's partner hit the baby last week and he's still living there")).toBe(false);
    expect(escalates('the man she has been chatting to online is outside her house now, she is 12')).toBe(
      true,
    );
  });
});

describe('danger model: fourth round (the harmer due later today, seen then, shouting at)', () => {
  it('the one named as harming will have the child later today', () => {
    expect(
      escalates(
        "Yr 5 girl says her mum's boyfriend hits her with a belt. He's the one collecting her at 3.15",
      ),
    ).toBe(true);
    expect(
      escalates(
        'boy came in with bruises, the escort was seen yanking him out of the cab. same escort does the home run at 3',
      ),
    ).toBe(true);
    expect(reading('same escort does the home run at 3').due).toBe(true);
    expect(reading("he's babysitting her tonight").due).toBe(true);
    // Named as an offender in the same clause: "a registered sex offender … babysitting tonight".
    expect(
      escalates(
        "my case is a registered sex offender with no contact with under 18s, he says he's babysitting his mate's 2 girls tonight",
      ),
    ).toBe(true);
    // Watched contact, a thing collected, or nobody named as harming: not the harmer due.
    expect(reading('dad has supervised contact with her at 3').due).toBe(false);
    expect(escalates("her grandad is picking her up at 3.15, she's 7, what do I put in the log")).toBe(false);
  });

  it('harm seen or heard then is past, harm seen or heard now is not', () => {
    expect(escalates('this morning the TA saw the escort hitting him, he is 8')).toBe(false);
    expect(escalates('I saw her dad hitting her at the gate last week, she is 6')).toBe(false);
    expect(escalates('I can hear him hitting his daughter through the wall')).toBe(true);
  });

  it('an adult shouting at children is not a child in distress', () => {
    expect(reading('she has been shouting at the children').distress).toBe(false);
    expect(reading('the children are screaming').distress).toBe(true);
  });
});

describe('danger model: threat idioms and a domestic abuse call', () => {
  it('"I\'m dead when he gets in" is a threat, not a death that ends the matter', () => {
    expect(reading("he said when he gets in from work I'm dead").threat).toBe(true);
    expect(reading('ur dead lol').threat).toBe(false);
    expect(
      escalates(
        "the child (12) texted: 'he knows I told. he said when he gets in from work I'm dead'. He finishes at 6",
      ),
    ).toBe(true);
  });

  it('at a domestic abuse job, the perpetrator coming back is the person on the way', () => {
    expect(
      escalates(
        "DA job, male left but he's gone to get his brother and they're coming back. 3 kids in the house under 6",
      ),
    ).toBe(true);
    expect(
      escalates('DA job last month, male was arrested and is on remand. 3 kids, what support is there'),
    ).toBe(false);
  });
});

describe('danger model: someone not said to be an adult', () => {
  it('is taken to be a child, in a service for children', () => {
    expect(
      escalates("she's been out since 6 and just messaged 'come get me pls', then her phone went off"),
    ).toBe(true);
    expect(escalates("my colleague (34) just messaged 'come get me pls', then her phone went off")).toBe(
      false,
    );
  });
});

describe('danger model: threat idioms read across the clause, vague futures, plying a child', () => {
  it('"going to \'teach her a lesson\' after college today" is a threat; "one day" is not today', () => {
    expect(reading("his mates are going to 'teach her a lesson' at the bus stop").threat).toBe(true);
    expect(reading("he says he'll 'come and get her one day'")).toMatchObject({ threat: true, later: true });
  });

  it('an adult giving a child alcohol or drugs is harm context for him being out looking for her', () => {
    expect(
      escalates(
        "found a girl about 11 with no shoes, she ran from a man's flat where he gave her vodka and he's out looking for her",
      ),
    ).toBe(true);
    expect(escalates('our boy (14) keeps going missing overnight and coming back with weed and cash')).toBe(
      false,
    );
  });
});

describe('danger model: slang beatings, blocked exits, secrecy, weapons of fire and acid, ended harm', () => {
  it('a slang word for a beating counts only with a person as its object', () => {
    expect(reading('his uncle will lamp him when he gets in tonight').threat).toBe(true);
    expect(reading('the lads will smash the window tonight').threat).toBe(false);
  });

  it('someone who stood in front of the door, or is standing in the doorway, holds the people inside', () => {
    expect(reading("mum's partner stood in front of the door so the kids can't get out").confine).toBe(true);
    expect(reading('dad is standing in the doorway of the bedroom').confine).toBe(true);
  });

  it('a child told to keep it secret makes a meeting today a grooming risk', () => {
    expect(
      escalates(
        'a 10 yr old says a man from a game is meeting her at the park at 4 today and said to keep it secret',
      ),
    ).toBe(true);
    expect(escalates('a 10 yr old says her cousin is meeting her at the park at 4 today')).toBe(false);
  });

  it('petrol or acid with someone outside a child’s home is a weapon there now', () => {
    expect(
      escalates(
        'a year 9 says a man is at her front door with a bottle of acid, she is inside with her sister',
      ),
    ).toBe(true);
  });

  it('harm said to have ended long ago is not raised by the learned layer; "stopped him" is someone stopping', () => {
    expect(reading('it stopped years ago').ended).toBe(true);
    expect(reading('I stopped him').ended).toBe(false);
    expect(reading('he stopped talking to her last week').ended).toBe(false);
  });
});

describe('danger model: a team age group names children', () => {
  it('"our U12s", "the u-15 girls" are children; an under-21s squad is not said to be', () => {
    expect(subjectsOf('one of our U12s').child).toBe(true);
    expect(subjectsOf('the u-15 girls').child).toBe(true);
    expect(subjectsOf('one of the U21s').child).toBe(false);
  });
});

describe('danger model: who the message is about (adults, animals, an unborn child)', () => {
  it('an age in brackets with more details after it, or after a word for a person, is read', () => {
    expect(subjectsOf('a resident (91, frail) has a black eye')).toMatchObject({ child: false, adult: true });
    expect(subjectsOf('a pupil (13, in care) is upset')).toMatchObject({ child: true });
    expect(subjectsOf('client 34 says her partner took her phone')).toMatchObject({
      child: false,
      adult: true,
    });
    expect(subjectsOf('dad 10 minutes away')).toMatchObject({ adult: false });
  });

  it('dementia, and older members of a community, name older adults; an "older man" with a girl does not', () => {
    expect(subjectsOf('a man with dementia says his grandson takes his pension').child).toBe(false);
    expect(subjectsOf('one of our older parishioners is being pestered for money')).toMatchObject({
      child: false,
      adult: true,
    });
    expect(subjectsOf('an older man is sitting next to one of our girls').child).toBe(true);
  });

  it("an adult's own childhood, or a message said not to be about the baby, names no child now", () => {
    expect(subjectsOf('a man of 50 told me he was hit as a child').child).toBe(false);
    expect(subjectsOf('she is 38 and says it happened when she was 9').child).toBe(false);
    expect(subjectsOf('she says it happened when she was 9').child).toBe(true);
    expect(subjectsOf("not about my son this time: a colleague's husband hits her").child).toBe(false);
  });

  it('a pregnancy names an unborn child; "isn\'t pregnant" does not', () => {
    expect(subjectsOf('a woman of 30, pregnant, says her partner kicks her').child).toBe(true);
    expect(subjectsOf("she is 30 and isn't pregnant").child).toBe(false);
  });

  it('an animal in trouble with no person named is not a child in danger', () => {
    expect(subjectsOf('our rabbit is not moving')).toMatchObject({ animal: true, child: false });
  });

  it('gives the ages of the children named, not bounds or an adult childhood', () => {
    expect(subjectsOf('a 14 year old and her brother aged 9').ages.sort((a, b) => a - b)).toEqual([9, 14]);
    expect(subjectsOf('two lads in year 8').ages).toEqual([12, 13]);
    expect(subjectsOf('is this for under 18s only').ages).toEqual([]);
    expect(subjectsOf('she told me he abused her when she was 12, she is 34 now').ages).toEqual([]);
    expect(subjectsOf('a 40 year old man').ages).toEqual([]);
    // Not "the nursery hamster": a setting word ("nursery") names children there, a known limit.
    expect(escalates('the class hamster has collapsed and is not moving')).toBe(false);
    expect(escalates('the toddler has collapsed and is not moving')).toBe(true);
  });

  it('an adult taking a child into a tent or room and shutting it counts as a shut door', () => {
    expect(escalates('a volunteer has taken a 9 year old into his room and closed the door')).toBe(true);
    expect(escalates('a leader took a 13 year old into the tent and zipped it shut')).toBe(true);
    expect(escalates('a leader took a 13 year old into the first aid tent for a plaster')).toBe(false);
  });

  it('a missing child who is back, or has had a safe and well check, is not missing now', () => {
    expect(escalates('the 14 year old who went missing friday is back, who does the return interview')).toBe(
      false,
    );
    expect(escalates('she absconded last night, safe and well check done by police this morning')).toBe(
      false,
    );
    expect(escalates('she went missing friday and still is not back')).toBe(true);
  });

  it('episodes counted ("twice this month") are a pattern, not something happening now', () => {
    expect(escalates('a 12 year old has been missing twice this month, who do I tell')).toBe(false);
    expect(
      escalates('our 12 year old has been missing since last night and is not answering her phone'),
    ).toBe(true);
  });

  it('"has older friends picking her up" describes a pattern; "is picking her up now" does not', () => {
    expect(reading('she has older men picking her up').take).toBe(true);
    expect(reading('she has older men picking her up')).toMatchObject({ now: false, hadPattern: true });
    expect(
      escalates('a 13 year old has older men picking her up, new clothes and a second phone. is this CSE'),
    ).toBe(false);
    expect(escalates("a 13 year old girl is getting into an older man's car outside school now")).toBe(true);
  });

  it('"adult" before a word for a person names an adult', () => {
    expect(subjectsOf('one of our adult players says her boyfriend controls her money')).toMatchObject({
      child: false,
      adult: true,
    });
    expect(subjectsOf('one of our players says her boyfriend controls her money').adult).toBe(false);
  });

  it('a school year as a noun ("one of our Year 4s") names a child', () => {
    expect(subjectsOf('one of our Year 4s is in a car with her uncle').child).toBe(true);
    expect(subjectsOf('a nursery colleague (24) says her boyfriend checks her phone')).toMatchObject({
      child: false,
      adult: true,
    });
  });

  it('a verb the lite model tags as a noun after an unknown noun is read as the verb', () => {
    const [sentence] = parse('his stepdad strangled him last night');
    expect(sentence!.tokens.find((t) => t.norm === 'strangled')).toMatchObject({
      pos: 'VERB',
      lemma: 'strangle',
      form: 'past',
    });
    expect(
      escalates('he said his stepdad strangled him last night. stepdad picks him up at 3.15, its 2.50 now'),
    ).toBe(true);
    const [ages] = parse('older boys her age');
    expect(ages!.tokens.find((t) => t.norm === 'boys')?.pos).toBe('NOUN');
  });

  it('a child in a vehicle now with someone who may harm her, or getting into a car by its make', () => {
    expect(
      escalates(
        'just seen a year 4 sat in a car outside the gates with her uncle, he has a no contact order. engine is running',
      ),
    ).toBe(true);
    expect(
      escalates('just seen a year 4 sat in a car outside the gates with her mum, waiting for the bell'),
    ).toBe(false);
    expect(
      escalates('staff have just seen the missing 13 year old getting into a black audi with two men'),
    ).toBe(true);
  });

  it('farewells from a height are a suicide risk now; a farewell alone is not', () => {
    expect(escalates('a 15 year old is on a bridge saying goodbye to everyone on instagram')).toBe(true);
    expect(escalates('a 15 year old is saying goodbye to everyone before she moves school')).toBe(false);
  });

  it('"panic over" and a child collected by a parent or taken to a crisis team are resolved', () => {
    expect(escalates('panic over, the pupil who said she would hurt herself has been collected by mum')).toBe(
      false,
    );
    expect(escalates('the 14 year old who said she wants to die is being taken to the crisis team')).toBe(
      false,
    );
  });

  it('how long staff are supposed to wait before reporting is a question about procedure', () => {
    expect(
      escalates(
        'a looked after child is missing, how long are we supposed to wait before we report them missing?',
      ),
    ).toBe(false);
  });

  it("several adults (coaches, leaders) in a child's room with the door locked count as one", () => {
    expect(
      escalates("one of the coaches has been in a 12 year old's room for 40 minutes with the door locked"),
    ).toBe(true);
  });

  it('"he\'s sat next to her" is someone with the child now', () => {
    const [, sentence] = parse('her stepdad hit her. he is sat next to her');
    expect(sentence!.tokens.find((t) => t.norm === 'sat')?.form).toBe('present');
    expect(
      escalates("a 13 year old told me her stepdad hit her. he's sat next to her in the waiting room"),
    ).toBe(true);
  });

  it('a man with a child who is not who he claims, or answers for her, is a sign of trafficking', () => {
    const present = 'the person who may harm the child is present or on the way';
    const reasons = (t: string) => detectImmediateDanger(t).reasons;
    expect(
      reasons("a girl about 12 whispered that the man with her isn't her dad. he's just gone to the toilet"),
    ).toContain(present);
    expect(
      reasons('a girl about 12 whispered that the man with her is her dad. he has just gone to the toilet'),
    ).not.toContain(present);
  });

  it('"thinking about it now" is the writer\'s now, not the child\'s', () => {
    expect(reading('thinking about it now she seemed frightened').now).toBe(false);
    expect(reading('she seems frightened now').now).toBe(true);
  });

  it('"not about a pupil" names no child; "3 times this month" counts episodes', () => {
    expect(subjectsOf('not about a pupil - a colleague, 28, says her partner controls her money').child).toBe(
      false,
    );
    expect(escalates('a 14 year old has been missing 3 times this month, what should we do')).toBe(false);
  });

  it("a child handed over to safety (a refuge, their nan's, talked down, services attended) is resolved", () => {
    expect(
      escalates(
        "the toddler found on his own: mum came back, police attended and the kids have gone to their nan's",
      ),
    ).toBe(false);
    expect(
      escalates('he has been arrested and she has gone into refuge with the baby, do I still refer'),
    ).toBe(false);
    expect(
      escalates('a student threatened to jump at lunch. she was talked down and CAMHS are now involved'),
    ).toBe(false);
    expect(
      escalates("a 14 year old says they are flying her abroad tonight to marry, her bags are at her aunt's"),
    ).toBe(true);
  });

  it('"been knocking 20 mins" is up to now; a young child seen with no adult answering is alone now', () => {
    expect(reading('been knocking 20 mins and no adult is answering').past).toBe(false);
    expect(
      escalates(
        'can see a 3 year old through the letterbox wandering the hallway, no adult answering, been knocking 20 mins',
      ),
    ).toBe(true);
  });

  it('a call cut off mid-threat, and a child heard crying while a man shouts a threat', () => {
    expect(
      escalates("a woman rang, said 'he's got the baby and he's saying he's going to' then cut off"),
    ).toBe(true);
    expect(
      escalates(
        "silent call still open, can hear a little kid crying and a man shouting shut up or you'll get it",
      ),
    ).toBe(true);
  });

  it('a ligature is self-harm now; a carer nodding off with a toddler cannot keep him safe', () => {
    expect(escalates("a young person in her room is saying she's tied something round her neck")).toBe(true);
    expect(
      escalates('mum has her 2 year old in the buggy and is nodding off at the counter, barely standing'),
    ).toBe(true);
  });

  it('what a school "would be expected to do if" a child turned up injured is a general question', () => {
    expect(
      escalates('what would the school be expected to do if a child turned up with a serious injury?'),
    ).toBe(false);
  });
});

describe('danger model: what "again" repeats, and a second verb sharing the subject', () => {
  it('telling again is not harm again; the verb nearest before "again" decides', () => {
    expect(reading('she brought it up again this morning').threat).toBe(false);
    expect(reading('he mentioned it again today').threat).toBe(false);
    expect(reading('her dad said he will lock her in the shed again').threat).toBe(true);
    expect(reading("he'll do it again tonight").threat).toBe(true);
  });

  it('"a man dropped her off and is sat in a van outside" finds the man at the clause start', () => {
    expect(
      escalates(
        'a 13 year old came in on her own asking for condoms, an older man dropped her off and is sat in a van outside waiting',
      ),
    ).toBe(true);
    expect(escalates('her mum dropped her off and is waiting in reception')).toBe(false);
  });
});

describe('danger model: someone set on taking a child, a time after a comma, beatings by instrument', () => {
  it('"wants to take his 3 year old" is a taking; the writer taking a child is not', () => {
    expect(reading('dad turned up drunk and wants to take his 2 year old').take).toBe(true);
    expect(reading('the uncle is demanding to take the kids').take).toBe(true);
    expect(reading('i want to take him').take).toBe(false);
    expect(reading('he wants to take his phone back').take).toBe(false);
  });

  it('", last time he…" and ", yesterday she…" start clauses of their own; "last seen" does not', () => {
    const clauses = (text: string) => clausesOf(parse(text)[0]!).length;
    expect(clauses('she says he will hurt her tonight, last time he broke her arm')).toBe(2);
    expect(clauses('one boy not with the group, last seen by the water')).toBe(1);
  });

  it('"he\'ll do the belt tonight" is a threat of a beating; "absolutely hammered" is not a weapon', () => {
    expect(reading('she says her mum will give her the slipper when she gets in tonight').threat).toBe(true);
    expect(reading('the parents get absolutely hammered').weapon).toBe(false);
    expect(reading('he has a hammer').weapon).toBe(true);
  });

  it('"her stepdad still in the house" in a note with no verb is someone there now', () => {
    expect(reading('her stepdad still in the house').presence).toBe(true);
    expect(reading('her stepdad still lives in the house').presence).toBe(false);
  });
});

describe('danger model: a relative clause, a child handed to a relative, self-harm told as a habit', () => {
  it('"his dad, who has a no-contact order, has just walked onto the ward" keeps the dad in the clause', () => {
    expect(clausesOf(parse('his dad, who has a no contact order, has just walked in')[0]!).length).toBe(1);
    expect(
      escalates(
        'her dad, who is not allowed contact under a court order, has just walked onto the ward and is sat by her bed',
      ),
    ).toBe(true);
  });

  it('children staying with "an aunt", or "checked at hospital and fine", are safe now', () => {
    expect(
      escalates(
        'a toddler found home alone this morning, the neighbour got him out, seen at a&e and fine, he is staying with a relative. what do i record',
      ),
    ).toBe(false);
    expect(escalates('baby home alone this morning, seen by the gp and fine')).toBe(false);
  });

  it('a disclosed habit of cutting is a same-day matter; cutting now or an intent to die is 999', () => {
    expect(
      escalates(
        'yr 10 told me she is cutting her arms most nights and doesnt want her dad told. what do i do',
      ),
    ).toBe(false);
    expect(escalates('yr 10 told me she is cutting her arms and wants to die. what do i do')).toBe(true);
    expect(escalates('she is in the toilets cutting her arms now')).toBe(true);
  });
});

describe('danger model: dates and steps that are not threats, second conditionals, the writer taking a group', () => {
  it('"the visit is next Tuesday" and "what\'s next from me?" are not "you\'re next"', () => {
    expect(reading('the review is next thursday at 2').threat).toBe(false);
    expect(reading("what's next for me").threat).toBe(false);
    expect(reading("he told her she's next").threat).toBe(true);
  });

  it('"if she ran off at night who would I phone?" asks about what has not happened', () => {
    expect(
      escalates('respite carer here. if he went missing from the house at night who would we call first?'),
    ).toBe(false);
  });

  it('the writer taking their own group away is not a child taken', () => {
    expect(reading('we are taking the under 14s away to a tournament next spring').take).toBe(false);
    expect(reading('taking our brownies away on camp in the summer').take).toBe(false);
    expect(reading('her uncle is taking her away tonight').take).toBe(true);
  });

  it('a question about an injury is not an injury in front of the writer', () => {
    expect(
      escalates("does the DSL still need to hear about a pupil's injury if his dad has explained it?"),
    ).toBe(false);
    expect(escalates('pupil has a big gash on his head and is bleeding, what do i do')).toBe(true);
  });

  it('"at 3.15pm" is one time, not the end of a sentence; "the 4th time this term" counts episodes', () => {
    expect(parse('she came to me at 3.15pm saying he hit her').length).toBe(1);
    expect(
      escalates('missing from the home again, the 4th time this term. do we report it every time?'),
    ).toBe(false);
  });
});

describe('danger model: missing now, routines in their own clause, the subject of "are sat", "done in"', () => {
  it('"missing since yesterday" and "staff searching, not found" are a child missing now', () => {
    expect(escalates('12 year old missing since last night, her phone pings at a house with adult men')).toBe(
      true,
    );
    expect(
      escalates('a yr 2 girl slipped out the gate 5 mins ago, staff searching the park, not found yet'),
    ).toBe(true);
  });

  it('"when does a child count as missing?" asks what a word means', () => {
    expect(
      escalates('absent or missing - when does a child in care count as missing, and who do we ring?'),
    ).toBe(false);
  });

  it('a routine of harm beside "is at home with her now" does not make the presence a routine', () => {
    expect(
      escalates(
        "she whispered that her stepdad is at home with her baby brother and he hits him when they're alone",
      ),
    ).toBe(true);
    expect(reading("he hits her when he's drunk").routine).toBe(true);
  });

  it('"came in. he left" is two sentences; "5 in. wide" is a measure', () => {
    expect(parse('he came in. she left').length).toBe(2);
    expect(parse('the cut is 2 in. long').length).toBe(1);
  });

  it('"the men she owes are sat in a van by the gate" are there now; "getting done in" is a threat', () => {
    expect(
      escalates('she says the men she owes money to are sat in a white van by the back gate waiting for her'),
    ).toBe(true);
    expect(reading("they told him he's getting done in").threat).toBe(true);
  });
});

describe('danger model: coming back for a place, the past progressive, an unfounded allegation, a note in the first person', () => {
  it('"come back for 6th form" is no threat; "he\'ll come back for her" is', () => {
    expect(reading('he has applied to come back for sixth form').threat).toBe(false);
    expect(reading("he said he'll come back for her").threat).toBe(true);
  });

  it('"a coach there was abusing boys" is told in the past', () => {
    expect(reading('i now know a coach there was abusing boys').presentHarmVerb).toBe(false);
    expect(reading('her uncle is abusing her').presentHarmVerb).toBe(true);
  });

  it("a note that opens with a past verb is the writer's own act", () => {
    expect(reading('drove a girl in school uniform to a flat at the weekend').take).toBe(false);
    expect(reading('her stepdad drove her to a flat tonight').take).toBe(true);
  });
});

describe('danger model: found with someone, kept apart, a baby named by age in a note', () => {
  it('"has been found in a tent with" a child is no child found safe', () => {
    expect(
      escalates(
        'on the residential a 16 yo helper has been found in a dorm with a 10 yo girl who is crying, he is still here',
      ),
    ).toBe(true);
    expect(escalates('the 14 year old who went missing last night has been found and is home with mum')).toBe(
      false,
    );
  });

  it('"stopped the boys being alone together" is not a child alone', () => {
    expect(reading('they have stopped the boys being alone together').alone).toBe(false);
  });

  it('"mum and 6 week old in the kitchen with him" is a baby with the man named before', () => {
    expect(
      escalates(
        'dad came back drunk and threw a chair. i am outside in the car. mum and 6 week old in the kitchen with him',
      ),
    ).toBe(true);
  });
});

describe('danger model: a comparison keeps its own time', () => {
  it('"will beat him tonight like he did last week" is a threat tonight', () => {
    expect(clausesOf(parse('he will hit her tonight like he did last week')[0]!).length).toBe(2);
    expect(escalates('his dad is waiting outside and will hit him tonight like he did last week')).toBe(true);
  });
});

describe('danger model: public seating is a place someone is', () => {
  it('"there\'s a man at a table with a girl" is someone with the child now', () => {
    expect(reading("there's a man at a table with a girl about 12").presence).toBe(true);
    expect(reading("there's a man in a booth beside her").presence).toBe(true);
  });
});

describe('tokens: "I\'m" is "I" and a present "be"', () => {
  it('"I\'m stood outside it" is said in the present', () => {
    const tokens = parse("I'm stood outside it")[0]!.tokens;
    expect(tokens.map((t) => t.norm)).toEqual(['i', "'m", 'stood', 'outside', 'it']);
    expect(tokens[2]?.form).toBe('present');
  });
});

describe('danger model: someone heard with a child now; "keep quiet" is no habit', () => {
  it('"we can hear her uncle telling the girl…" puts him there now', () => {
    expect(
      reading('we can hear through the wall her uncle telling the 6 year old to keep quiet').presence,
    ).toBe(true);
    expect(reading('i can hear the radio playing').presence).toBe(false);
    expect(reading('i can see her stepdad at the gate with her').presence).toBe(true);
  });

  it('"keep quiet" is an instruction; "keeps touching her" a habit', () => {
    expect(reading('he told her to keep quiet').habit).toBe(false);
    expect(reading('he keeps touching her').habit).toBe(true);
  });
});

describe('danger model: a young child crying with no one answering, thuds heard', () => {
  it('"baby crying for hours next door, I knocked and nothing" is a young child with no adult there', () => {
    expect(
      escalates(
        'toddler in the house opposite has been screaming for ages, curtains shut. ive knocked, nothing',
      ),
    ).toBe(true);
    expect(escalates('baby in the flat above cries a lot at night, is that a safeguarding thing?')).toBe(
      false,
    );
  });

  it('thuds heard as a child cries are violence going on', () => {
    expect(escalates('can hear thuds and a little boy crying in the house next door right now')).toBe(true);
  });
});

describe('danger model: harm denied or prevented, a weapon in a picture', () => {
  it('"not hitting her" and "to stop him hitting another kid" are no harm done', () => {
    expect(reading('not hitting her she says').seriousHarm).toBe(false);
    expect(reading('staff held his arms to stop him hitting another boy').seriousHarm).toBe(false);
    expect(reading('he is hitting her').seriousHarm).toBe(true);
  });

  it('"a video of his cousin holding a knife" is a weapon in a picture, not near the child', () => {
    expect(reading('he showed me a video of his cousin holding a knife').weaponPictured).toBe(true);
    expect(reading('his cousin is holding a knife to him').weaponPictured).toBe(false);
  });
});

describe('danger model: batch Z dev classes', () => {
  it('a relative named as harming who is "the one who collects her at 3 today"', () => {
    expect(
      escalates(
        'a year 4 girl says her uncle makes her do sexual things. uncle is the one who collects her at 3 today',
      ),
    ).toBe(true);
  });

  it('a child of an age "padlocked in" a room is held', () => {
    expect(reading('there is a girl about 9 padlocked in the shed').confine).toBe(true);
  });

  it('a farewell sent from a height is a risk of suicide now', () => {
    expect(escalates("a yp in care just texted 'on the roof of the car park. sorry for everything'")).toBe(
      true,
    );
    expect(escalates('our year 9s are on the roof garden for science, sorry for the late notice')).toBe(
      false,
    );
  });

  it('a baby gone blue round the lips, or breathing that sounds odd, is unwell now', () => {
    expect(escalates('the 3 month old has gone blue round the lips and her breathing sounds odd')).toBe(true);
  });

  it('an old injury looked at again, dated "in march", is not a threat now', () => {
    expect(
      escalates('the sibling had a broken arm in march. should that old injury be looked at again now?'),
    ).toBe(false);
  });

  it('found by police and back at placement is safe now', () => {
    expect(
      escalates(
        'the 14 yo who ran off with the older lads - police found her at a flat, she is back at placement now. what next?',
      ),
    ).toBe(false);
  });

  it('a grown up son, or "not a child thing", names an adult', () => {
    expect(subjectsOf('a colleague says her grown up son takes her money, not a child thing')).toMatchObject({
      child: false,
      adult: true,
    });
  });
});

describe('danger model: batch AD dev classes', () => {
  it('a child who has gone out and is found now, on a phone or a map, at a place of drugs is in danger now', () => {
    expect(
      escalates(
        'our 13 year old foster son has gone out and his phone location shows him at the house used for drugs',
      ),
    ).toBe(true);
    expect(escalates('snap map has her at a trap house, she went out an hour ago, she is 14')).toBe(true);
    // Past, or drugs with no place and no child away: not this reading.
    expect(
      escalates('last month his location showed him at a house used for drugs, he is 14, what do we do'),
    ).toBe(false);
    expect(escalates('our 15 year old is at home and we think she smokes weed, what should we do')).toBe(
      false,
    );
  });
  it('a child who snuck out or is climbing out of a window is missing', () => {
    expect(reading('our lad (13) snuck out after lights out').missing).toBe(true);
    expect(reading('one of our girls (14) has climbed out of her window').missing).toBe(true);
    expect(reading('she sneaked a biscuit').missing).toBe(false);
  });
  it('a clause opening "can\'t" is a statement, not an information question', () => {
    expect(reading("can't sleep, just heard the back gate go").infoQuestion).toBe(false);
    expect(reading('can I share this with the school nurse').infoQuestion).toBe(true);
  });
});

describe('danger model: batch AF dev classes', () => {
  it("marks of hands on a child, and a child's plea, make the person here a risk", () => {
    expect(
      escalates(
        "7 yr old has finger mark bruises on her arms, her stepdad is in the waiting room and she begged me please don't make me go home with him",
      ),
    ).toBe(true);
    // The one who "came in with bruises" is the child hurt, not someone arriving.
    expect(reading("he's come in with bruises on his upper arms 3 times this month").presence).toBe(false);
  });
  it('a child shown pornography, or a baby handled roughly, is harm going on', () => {
    expect(
      escalates('a man at the library computers has a girl about 8 on his knee and is showing her porn'),
    ).toBe(true);
    expect(escalates('her stepdad is drunk and shaking the baby')).toBe(true);
    expect(escalates('he was shown porn by an older cousin two years ago, what do I record')).toBe(false);
    expect(reading('the toddler is throwing the ball to his dad').seriousHarm).toBe(false);
  });
  it('a baby left where nobody has come back for them has no adult there', () => {
    expect(escalates("a baby in a pram outside the shop for 40 minutes and nobody's come back")).toBe(true);
  });
  it("a past relative clause dates that person's history, not the clause it describes", () => {
    const r = reading('the man at the gate is the one who was in the paper last month');
    expect(r.past).toBe(false);
    expect(reading('the man who was at the gate last month').past).toBe(true);
  });
  it('someone at a place doing something is there now; a child with a protective professional is not at risk', () => {
    expect(reading('the man at our garden fence talking to the children').presence).toBe(true);
    expect(reading("she's with her social worker now").presence).toBe(false);
    expect(reading("she's with her uncle now").presence).toBe(true);
  });
  it('going off with someone, told as a habit, is a pattern, not now', () => {
    expect(escalates('year 10 girl keeps getting off the bus and into a car with an older man')).toBe(false);
  });
});

describe('danger model: training corpus classes (T1, T2)', () => {
  it('a note in the -ing form of a child acutely unwell is now', () => {
    expect(escalates('TA here, kid in my group fitting 5 mins and not stopping, mum not answering')).toBe(
      true,
    );
    expect(escalates('scout leader, 9yo choking on a sweet, going blue')).toBe(true);
    expect(escalates('she had a seizure at school last term, now back, what support')).toBe(false);
  });
  it('despair said from a height is a risk of suicide now', () => {
    expect(escalates("text from a yr 9: 'on top of the multi storey, can't do this anymore'")).toBe(true);
    expect(
      escalates("lad sat on the bridge with his legs over the edge, his mates say he said he's done"),
    ).toBe(true);
    expect(escalates('a year ago he said he could not cope any more, he is doing well now')).toBe(false);
  });
  it('a hyphenated age names a child, and an "old girl" after it is not an older adult', () => {
    expect(subjectsOf('their 11-year-old')).toMatchObject({ child: true, adult: false });
    expect(subjectsOf('a 14-yr-old girl')).toMatchObject({ child: true, adult: false });
  });
  it('"just" before a noun is "merely", not moments ago', () => {
    expect(reading("it's just banter isn't it").now).toBe(false);
    expect(reading("he's just come in").now).toBe(true);
  });
  it('a child about to be taken for good, FGM within hours, a cry of "let me go", someone on the way', () => {
    expect(
      escalates("her dad texted 'you won't see her again', the court order says no contact, she's 8"),
    ).toBe(true);
    expect(escalates("the family plan to have their 10-year-old 'cut' at an aunt's house this evening")).toBe(
      true,
    );
    expect(escalates('a girl in yr 6 says she will be cut abroad in the summer, what do we do')).toBe(false);
    expect(escalates("hearing a man's voice in the boys toilets and a kid crying 'let me go'")).toBe(true);
    expect(escalates("mum's ex has texted that he's on his way to take the baby, history of violence")).toBe(
      true,
    );
  });
  it('a drill, an exam question or a module is training; "checked over, fine" and "sorted it" are safe now', () => {
    expect(escalates('in a drill an intruder with a knife is at reception, what is the lockdown order')).toBe(
      false,
    );
    expect(
      escalates('level 3 exam q: a practitioner hears a child screaming next door, what should they do'),
    ).toBe(false);
    expect(escalates('our missing 13yo from camp was asleep in another tent, checked over, fine')).toBe(
      false,
    );
    expect(escalates("the lad threatened by his stepdad is at his gran's tonight, SW sorted it")).toBe(false);
    expect(
      escalates(
        'lad threatened with a knife outside, we got him in, police arrested the other lad, he is home now',
      ),
    ).toBe(false);
  });
});

describe('danger model: meetings judged in their grooming context', () => {
  it('an adult or a stranger in contact with the child makes a meeting today a risk', () => {
    expect(
      escalates(
        "yr 8 girl has been chatting to someone on the library PCs and she's meeting him at the station at 5",
      ),
    ).toBe(true);
    expect(
      escalates(
        'a girl (14) showed me messages from a grown man saying he will meet her after group tonight',
      ),
    ).toBe(true);
    expect(
      escalates(
        "she says he'll meet her by the gates after group tonight and she mustn't tell anyone, she's 13",
      ),
    ).toBe(true);
  });
  it('a meeting with no harm named anywhere is not raised by the learned layer either', () => {
    expect(escalates('a 10 yr old says her cousin is meeting her at the park at 4 today')).toBe(false);
  });
});

describe('danger model: who, in words that name no age (batch S1)', () => {
  it.each([
    [
      'a second year student came to my office hours and said she was assaulted at a party',
      { child: false, adult: true },
    ],
    ['older gent who comes in for his prescriptions had a black eye again', { child: false, adult: true }],
    ['patient on the adult medical ward is terrified of her partner', { child: false, adult: true }],
    ['our caretaker is being bullied by his adult son, no pupils involved', { child: false, adult: true }],
    ["she's 19 now, not under 18 any more", { child: false, adult: true }],
    ['a male coworker keeps sending her explicit messages', { child: false, adult: true }],
    // A writer's own study, or an older man with a child, still leave the child in the message.
    ['for my uni assignment, when does a child go to section 47', { child: true }],
    ['a girl in uniform with a much older man', { child: true }],
  ])('%s → %o', (text, expected) => expect(subjectsOf(text)).toMatchObject(expected));
  it('"kicked her out" is being made to leave, and lifts home alone are company, not a child alone', () => {
    expect(reading('her mum kicked her out last night').seriousHarm).toBe(false);
    expect(reading('a leader keeps giving one boy lifts home alone').missing).toBe(false);
  });
});

describe('danger model: the -ing of what is happening, a child vanished, a texted "hell"', () => {
  it('reads an -ing note beside "can\'t", or beside a past verb, as now', () => {
    expect(escalates("10yo choking on a sweet, can't cough or speak, going blue")).toBe(true);
    expect(
      escalates(
        '14yo messaged us, stabbed in the leg near the shops, bleeding loads, hiding behind the bins',
      ),
    ).toBe(true);
    expect(escalates('he was bleeding a lot after the fall last week, what do I record')).toBe(false);
  });
  it('a young child who has vanished is missing', () => {
    expect(reading('one of my mindees (3) has vanished at the park').missing).toBe(true);
  });
  it('"hell" before a verb is "he\'ll" typed without the apostrophe', () => {
    expect(escalates("her mum's boyfriend texted her that hell hurt her little brother tonight")).toBe(true);
    const [s] = parse('what the hell happened');
    expect(s!.tokens.map((t) => t.norm)).toContain('hell');
  });
});

describe('danger model: taken abroad now, FGM by its euphemisms, a child told to shut up', () => {
  it('a parent gone with the child, with a passport or an airport named, is a taking now; weeks ahead it is not', () => {
    expect(
      escalates(
        'dad has just gone out the fire exit with his 4yo, he had a passport on him and mentioned the airport',
      ),
    ).toBe(true);
    expect(
      detectImmediateDanger(
        'a child says she will be taken abroad in the summer holidays, what should staff do',
      ).reasons,
    ).not.toContain('a child being taken away or abroad, now');
  });
  it('"a ceremony to become a woman" this evening is FGM within hours', () => {
    expect(
      escalates(
        "mum of a 9 yr old let slip they fly out this evening for her 'special ceremony to become a woman'",
      ),
    ).toBe(true);
  });
  it('a child screaming and someone telling her to shut up is violence heard', () => {
    expect(
      escalates(
        'screaming from the bushes behind the field, a little girl, and a man telling her to shut up',
      ),
    ).toBe(true);
  });
});

describe('danger model: training corpus classes (T3, T4)', () => {
  it('an age given after its child word, before what happened ("girl 13 brought in")', () => {
    expect(subjectsOf("girl 13 brought in by her 'boyfriend' who's 22, vaginal bleeding").child).toBe(true);
    expect(subjectsOf('lad 15 collapsed at training').ages).toEqual([15]);
    // Not a count or a score: "pupils 30 in a class", "boys 2 goals down".
    expect(subjectsOf('pupils 30 in a class').ages).toEqual([]);
    expect(subjectsOf('the boys 2 goals down at half time').ages).toEqual([]);
  });

  it("an adult's age that is another person's does not make a girl or a boy an adult", () => {
    expect(subjectsOf('a girl met someone online, she thought he was 16, he is about 40').child).toBe(true);
    expect(subjectsOf('our lad is being messaged by a woman, she says she is 30').child).toBe(true);
    // The age right after the word is that person's: "her son (24)" is a grown man.
    expect(subjectsOf('tenant in her 40s says her son (24) threatens her for money').child).toBe(false);
    expect(subjectsOf('my daughter is 19 and her boyfriend hits her').child).toBe(false);
  });

  it("ways of ending one's life said of oneself, and firearms, are read as such", () => {
    expect(byRules('12 year old says he has his dads shotgun and is going to shoot himself')).toBe(true);
    expect(reading('she said she would drown herself').selfHarm).toBe(true);
    expect(reading('he is learning to shoot at the range with his dad').selfHarm).toBe(false);
  });

  it('despair said from a height is a risk of suicide now', () => {
    expect(byRules('found a year 7 sat on the edge of the science block roof, says nobody would care')).toBe(
      true,
    );
    expect(byRules("he's on the bridge saying everyone would be better off without him")).toBe(true);
    // Despair alone, or a height alone, is not this class.
    expect(byRules('she said nobody would care if she was not in school, what do I record')).toBe(false);
    expect(byRules('a year 7 climbed onto the roof to get a ball back last week')).toBe(false);
  });

  it("a child's message asking for help, by any messenger, is a plea", () => {
    expect(byRules("one of my swimmers (11) just whatsapped me 'he's in my room again please help'")).toBe(
      true,
    );
    expect(reading('she snapchatted me please help').plea).toBe(true);
  });

  it('a child locked or bolted in from outside is held', () => {
    expect(byRules("there's a kid about 8 in a bedroom bolted from the outside")).toBe(true);
    expect(byRules('we bolted the gate after the last parent left')).toBe(false);
  });

  it('indecent exposure to children is sexual harm, and on a live call it is going on', () => {
    expect(byRules('some adult has got into the zoom call and is exposing himself to the kids')).toBe(true);
    expect(reading('a man exposed himself to two pupils in the park last month').sexualHarm).toBe(true);
    expect(byRules('a man exposed himself to two pupils in the park last month, what do we do')).toBe(false);
  });

  it('harm seen moments ago on a call still live', () => {
    expect(
      byRules(
        "on a Teams reading session with a pupil and a man just walked into shot and slapped him round the head. Camera's pointing at the ceiling now",
      ),
    ).toBe(true);
    expect(byRules('on a Teams call yesterday a pupil told me his dad slapped him')).toBe(false);
  });

  it('a child being grabbed, or put into a private hire car, by someone who may harm her', () => {
    expect(byRules("there's a man trying to grab a pupil at the school gate right now")).toBe(true);
    expect(
      byRules('girl looks 13, very drunk, two blokes in their 30s trying to get her into a private hire'),
    ).toBe(true);
    // A blow told after the event is not a child being taken.
    expect(reading('a teacher grabbed her son by the arm and left marks').abduct).toBe(false);
  });
});

describe('danger model: scope corpus S2 classes (worries that are not danger now)', () => {
  it('a sentence that dates the whole account ("it was last weekend") makes it past', () => {
    expect(
      byRules(
        "a girl told me her mum's boyfriend hits mum when he's drunk and she hides in her room with her brother. it was last weekend. what do i do",
      ),
    ).toBe(false);
    // Unless something is said to be going on now.
    expect(byRules("it was last weekend he first came round. he's in her room right now hurting her")).toBe(
      true,
    );
  });

  it("where a family's own children are is not someone there with them", () => {
    expect(reading('her two kids are in reception').presence).toBe(false);
    expect(reading('her uncle is in reception').presence).toBe(true);
    expect(reading('her baby is in the lounge with him').presence).toBe(true);
  });
});

describe('danger model: batch AI and AJ dev classes', () => {
  it('a weekday after a verb in the past is the day just gone, not one ahead', () => {
    expect(
      byRules(
        "a 4 year old said on monday 'daddy hurt my willy in the bath'. i only wrote it up today, what happens now",
      ),
    ).toBe(false);
    expect(reading('she said on monday that he hurt her').later).toBe(false);
    expect(reading('he will take her to his flat on friday').later).toBe(true);
  });

  it('blocking a contact is not blocking a way out', () => {
    expect(reading("she's blocked him").confine).toBe(false);
    expect(reading('he has blocked the door and will not let her out').confine).toBe(true);
  });

  it('carers out of it are not a child too drunk to keep safe', () => {
    expect(reading('parents out of it').incapacitated).toBe(false);
    expect(reading("she's out of it and can't stand").incapacitated).toBe(true);
  });

  it('a child left alone again and again is a pattern to refer, not missing now', () => {
    expect(byRules('kids keep being left alone at night, neighbour rang, strategy meeting needed?')).toBe(
      false,
    );
  });

  it('an adult in a tent or room with a child, closed up, is a child alone with them now', () => {
    expect(
      byRules(
        'one of our leaders has been in a tent with a 13 year old girl for 40 mins with the zip done up',
      ),
    ).toBe(true);
  });

  it('a child harmed moments ago with the one who did it getting away', () => {
    expect(
      byRules(
        "found a lad approx 13 in the underpass with a male 30s, lad's trousers undone, male ran off towards the estate",
      ),
    ).toBe(true);
    expect(reading("lad's trousers undone").undress).toBe(true);
    expect(
      byRules('last week a man exposed himself to two girls in the park and ran off, what do we do'),
    ).toBe(false);
  });

  it('a person placed by the word after them, then a verb in the present, is there now', () => {
    expect(reading('the bloke outside in the white van is her boyfriend').presence).toBe(true);
    expect(reading('the man outside the shop was her dad').presence).toBe(false);
  });
});

describe('danger model: long accounts (T4) classes', () => {
  it('an instruction given for the day it happened is not a hypothetical question', () => {
    expect(
      byRules(
        "her mum is banging on the front door drunk, screaming she's taking her back. the LA said ring them if this ever happened",
      ),
    ).toBe(true);
    expect(byRules('what would we do if a parent ever turned up drunk at the door')).toBe(false);
  });

  it("a carer's reported reassurance is not the situation resolved", () => {
    expect(
      byRules(
        "on the phone to mum i heard her partner come in shouting, then she screamed and the line went dead. she always says it's sorted",
      ),
    ).toBe(true);
    expect(byRules("mum's partner was shouting at the kids last week, social worker has sorted it")).toBe(
      false,
    );
  });

  it('a refuge gone back from is not a resolution', () => {
    expect(
      byRules(
        "mum went to a refuge in sept, she's gone back to him and he's got a knife, she's hiding with the twins",
      ),
    ).toBe(true);
  });

  it('a thing found is not the child found, and "not been seen since" is missing', () => {
    expect(
      byRules(
        "5 year old didn't come back in from the playground after lunch, the side gate was found unlocked",
      ),
    ).toBe(true);
    expect(byRules("a 14 year old boarder hasn't been seen since supper, we've searched the grounds")).toBe(
      true,
    );
    expect(
      byRules('a year 3 boy ran out earlier, found him in 20 mins at the shop, he is back home with mum'),
    ).toBe(false);
  });

  it('a foster child placed with the writer says nothing is over', () => {
    expect(
      byRules(
        "12 year old placed with us, her dad isn't allowed contact, she left school at lunch with a man like him, they saw them walk off towards the high street",
      ),
    ).toBe(true);
  });

  it('a goodbye sent beside the means, a child out with a weapon, FGM due today', () => {
    expect(byRules("she posted a photo of a pile of pills with 'tonight' and a goodbye message")).toBe(true);
    expect(
      byRules('his sister rang to say he left home this morning with a knife, he is going to the march'),
    ).toBe(true);
    expect(
      byRules(
        "she said the FGM was done at the weekend and her little sister is 'having hers done today after school'",
      ),
    ).toBe(true);
    // Past or framed: a goodbye note found years ago, a knife taken off him, FGM asked about in training.
    expect(byRules('she wrote a goodbye note and took pills two years ago, what do I record')).toBe(false);
    expect(
      byRules('for training: what if a pupil says her sister is having hers done today after school (FGM)'),
    ).toBe(false);
  });

  it('"what do I actually do if" asks ahead', () => {
    expect(byRules("what do I actually do if he doesn't come back")).toBe(false);
  });
});

describe('danger model: worries that are not danger now (S2, T3, T4 false alarms)', () => {
  it("the child's own whereabouts, no contact with him, a thing arriving, a picture passed round", () => {
    expect(reading("she's at college now and has no contact with him").presence).toBe(false);
    expect(reading('a strategy meeting request just came in for a 13 year old boy and a man').presence).toBe(
      false,
    );
    expect(reading('a year 9 lad shared a nude of his ex around the year group chat').presence).toBe(false);
    expect(reading('her uncle has just come in and is sat next to her').presence).toBe(true);
    expect(
      byRules(
        'yesterday a lad was jumped outside school, staff stepped in, police came. he is at home today with mum',
      ),
    ).toBe(false);
  });

  it('self-harm asked ahead, assessed as no plan, said of an adult or typed as a search is not a child at risk now', () => {
    expect(
      byRules(
        'training new crisis workers - how should they respond if a young person says they have taken an overdose',
      ),
    ).toBe(false);
    expect(
      byRules('we were talking about what to do if a child sent a message saying they had taken an overdose'),
    ).toBe(false);
    expect(byRules('13 year old talking about suicidal thoughts, no plan, no means, safe at home')).toBe(
      false,
    );
    expect(reading('14 year old with superficial self harm, not suicidal').selfHarm).toBe(false);
    expect(reading('adult male overdose, 2 kids under 5 in the flat').selfHarm).toBe(false);
    expect(reading("searching 'how to hurt yourself without leaving marks'").selfHarm).toBe(false);
    expect(reading('he says he is going to hurt himself').selfHarm).toBe(true);
  });
});

describe('danger model: relayed and second-hand (T5) classes', () => {
  it('a head injury on a baby, a child stabbed, a drugged child who cannot feel her legs', () => {
    expect(
      byRules('the 10 month old has a big lump on his head, one eye won’t open and he keeps being sick'),
    ).toBe(true);
    expect(reading("he's been stabbed in the leg").injury).toBe(true);
    expect(reading("she can't feel her legs").incapacitated).toBe(true);
    expect(reading('he was stabbed in the leg two years ago').past).toBe(true);
  });

  it('a call cut off, a baby whose carer cannot be woken or has been gone since yesterday', () => {
    expect(
      byRules(
        "i heard 'who are you talking to' then she screamed and the line dropped. 2 kids under 5 there",
      ),
    ).toBe(true);
    expect(
      byRules(
        "through the window mum is asleep on the sofa with a bottle, the 3 week old on her chest, she's not waking",
      ),
    ).toBe(true);
    expect(byRules("baby next door screaming for hours, mum's car gone since yesterday")).toBe(true);
    expect(
      byRules('mum was passed out last year when the baby was with her, it was dealt with, what do I record'),
    ).toBe(false);
  });

  it('a child held out of a window or in a car boot, children taken to a man’s room', () => {
    expect(byRules('a neighbour saw dad holding the 3 year old out of a 2nd floor window')).toBe(true);
    expect(byRules("she texted 'they took my phone im in a car boot somewhere'")).toBe(true);
    expect(
      byRules(
        'a man checked in with two girls in school uniform who look about 13, they have gone up to his room, he asked not to be disturbed',
      ),
    ).toBe(true);
  });

  it('violence planned for today', () => {
    expect(reading("lads planning to 'shank' a boy at the park after school today").threat).toBe(true);
    expect(byRules('they were planning to jump him after school last week, what do I record')).toBe(false);
  });
});

describe('danger model: what is permitted, asked with a condition', () => {
  it('"are we allowed to … if" asks what is permitted', () => {
    expect(
      reading(
        "are we allowed to search a young person's room if we think she's hiding a phone from older men",
      ).generalQuestion,
    ).toBe(true);
    expect(subjectsOf('Former foster son is 22. As his old foster carer what can I do?').child).toBe(false);
  });
});
