import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentPack } from '../../../src/core/content/load.js';
import { Guide } from '../../../src/core/guide.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { copyContent, editFile } from '../../helpers/content-fixture.js';

let guide: Guide;
beforeAll(async () => {
  guide = await Guide.create({ contentDir: resolve('content'), store: new MemoryStore() });
});

describe('scope: only safeguarding questions are answered', () => {
  it.each([
    'whats the pay for an M3 teacher outside london this year',
    "off topic but my own toddler won't sleep past 5am, any tips lol",
    'my own 13 yr old wants a phone for christmas, iphone or android?',
    'how many days annual leave is a part time TA entitled to?',
    'HV - what age do we advise parents to start weaning now?',
    // The pack lists "privates" and "missing": those forms, not "private" or the title "Miss".
    'how much should I charge for private tuition',
    'Miss Jones wants to know the date of the next inset day',
    // An allowance is pay, whatever service pays it.
    'whats the fostering allowance for a 14 yr old this year',
    // Teaching about a topic, and a harm word said of a thing, are not worries about a child.
    'planning a PSHE lesson on consent for year 10, can you suggest some activities',
    'someone keeps abusing the photocopier code, how do I lock it down',
    'IT say there is an exploit in the booking software, do we tell the ICO?',
    'who pays DBS fees?',
    // Staff conduct procedures are the job, not a child's safeguarding.
    'what is the disciplinary procedure for a TA who keeps turning up late',
    // Harm words said of things the other way round, a software flaw named as a noun, an animal
    // groomed, a strongbox (scope corpus S2).
    'our network is under attack, phishing emails pretending to be from the head, what should IT do',
    "there's an exploit in the homework app that lets people change marks, how do we get it patched",
    'best way to groom a cockapoo at home?',
    "where's the best place to keep a safe for the cash from the school fete",
    // IT administration, the street, a childhood illness's exclusion period, everyday parenting.
    'how do I set up a shared mailbox in Teams for our safeguarding team',
    'how do I report a pothole right outside the school gates',
    "child in my class has nits again, what's the policy on sending them home",
    'tips for getting a 2 year old to sleep through the night',
  ])('everyday words that the guidance also uses do not make "%s" a safeguarding question', (q) => {
    const reply = guide.ask(q);
    expect(reply.meta.answered).toBe(false);
    expect(reply.sources).toEqual([]);
  });

  it.each([
    'could you write me a risk assessment for the year 5 trip to the castle',
    'can u help me draft a report for governors on attendance figures',
    'i need a lesson plan on the water cycle for year 3, with a short assessment at the end',
  ])('a document to be written, with no worry in it, is not a safeguarding question: "%s"', (q) => {
    expect(guide.ask(q).meta.answered).toBe(false);
  });

  it.each([
    'can you help me write up my notes of a disclosure a pupil made this morning',
    'could you help me draft a risk assessment for a pupil who has shown harmful sexual behaviour',
  ])('a document about a worry stays in scope: "%s"', (q) => {
    expect(guide.ask(q).meta.answered).toBe(true);
  });

  it.each([
    'what is disguised complience', // a domain word mistyped
    'boy keeps sending girls in his class rude snapchats', // a plural
    "There's no local service for this child, what do I do?", // what to do about a child
    'is it normal for toddlers to play doctors and nurses', // a phrase of the pack
    'who chairs a strat mtg', // a domain concept (synonym group) through the lexicon
    'a 12 year old at cubs wants me to promise not to tell his mum what he is about to say. can i promise him that?', // a secret asked of an adult
    'a 14 year old patient says she has been sleeping with her 22 year old neighbour, do i have to do anything?', // a euphemism
    'a boy in my class wears the same jumper every day and is smelly, probably nothing', // neglect seen, not named
    "a 9 year old says she's scared to go home tonight, what am I meant to do", // a child afraid to go home
    "overheard two yr 9s talking about 'going country' this weekend", // street words for county lines
    'a pupil disclosed something during my PSHE lesson on consent, what do I do', // a child told, in a lesson
    'kid in my group flinches whenever I reach past him', // a sign seen, not named
    'a 14 year old says she has been sofa surfing since her mum kicked her out', // made to leave home
    'lad on my caseload says he owes someone money, who do I share that with', // whom to tell
    'a 14 year old says she is staying at a flat with a 19 year old and his mates, should I be passing this on', // whom to tell
    'can I share info with the school nurse without the parents agreeing', // information sharing in everyday words
    'mum keeps watering down the baby formula to make it last, what do I do', // formula is a baby's, not a spreadsheet's
    'a 4 year old climbed onto the shed roof at nursery and the gate was open, who do I tell', // a roof with a child on it
    'training q for our station - if we attend a house and find a baby under 1 with bruising, whats the out of hours process', // a concern's -ing form read as a noun
  ])('"%s" is in scope and answered', (q) => {
    expect(guide.ask(q).meta.answered).toBe(true);
  });

  it.each([
    'how do I claim mileage for home visits as a foster carer',
    'can I take annual leave the week of the case conference',
    'who resets my password for the referral portal',
  ])(
    'the job itself (pay, leave, expenses, IT) is not a safeguarding question, whatever process words "%s" uses',
    (q) => {
      expect(guide.ask(q).meta.answered).toBe(false);
    },
  );

  it('a matter of the job with no child in it is out of scope, whatever concern words it uses', () => {
    expect(
      guide.ask('how do I report a needlestick injury I got on shift to occupational health').meta.answered,
    ).toBe(false);
  });

  it('a concern named beside a word about the job is still answered', () => {
    expect(
      guide.ask('on a home visit to claim mileage I saw a toddler with a bruise, what do I do').meta.answered,
    ).toBe(true);
  });

  it.each([
    'a pupil keeps coming in hungry and in the same clothes all week, what do I do',
    'the flat was filthy with no food in the fridge and two small kids there, who do I tell',
  ])('neglect seen rather than named ("%s") is a concern, answered from the neglect item', (q) => {
    const reply = guide.ask(q);
    expect(reply.meta.answered).toBe(true);
    expect(reply.meta.itemIds).toContain('neglect');
  });

  it('immediate danger is never refused as out of scope', () => {
    const reply = guide.ask("he's still in there with her and the door is locked, she's 9");
    expect(reply.meta.escalation).toBe(true);
  });
});

describe('scope: a member of staff as the one harmed is an adult', () => {
  it.each([
    "I'm a year 4 teacher and a colleague told me her husband hit her last night, what do I do",
    'a teaching assistant has told me she self-harms, what do I do as her line manager',
    'DSL here but this is about me, struggling after a horrible case, is there support for staff like me',
    "YOT worker, lad has turned 19 and says he's being exploited to sell drugs, what can I do",
  ])('gets the adult signpost, not child guidance: "%s"', (q) => {
    const reply = guide.ask(q);
    expect(reply.meta.answered).toBe(false);
    expect(reply.sources).toEqual([]);
  });

  it("a school year that is a pupil, not the writer's role, is still a child", () => {
    expect(guide.ask('a year 4 pupil told me her dad hits her, what do I do').meta.answered).toBe(true);
    expect(guide.ask('head of year 9 here, a boy in my year says his stepdad hits him').meta.answered).toBe(
      true,
    );
  });
});

describe('content:check: the scope list', () => {
  it('refuses an everyday group that is not a synonym group', async () => {
    const dir = await copyContent();
    await editFile(join(dir, 'pack.yaml'), (text) =>
      text.replace('  everyday: [CYP,', '  everyday: [Nonesuch, CYP,'),
    );
    const { pack, issues } = await readContentPack(dir);
    expect(pack).toBeUndefined();
    expect(
      issues.some((i) => i.field === 'scope.everyday.0' && i.message.includes('not a synonym group')),
    ).toBe(true);
    await rm(dir, { recursive: true });
  });

  it('refuses a practitioner phrasing that names nothing in scope, so it could never be answered', async () => {
    const dir = await copyContent();
    await editFile(join(dir, 'guidance', 'genograms-and-family-networks.md'), (text) =>
      text.replace(/questions:\n/, 'questions:\n  - "How tall is a giraffe?"\n'),
    );
    const { pack, issues } = await readContentPack(dir);
    expect(pack).toBeUndefined();
    const issue = issues.find((i) => i.message.includes('How tall is a giraffe?'));
    expect(issue?.file).toMatch(/genograms-and-family-networks\.md$/);
    expect(issue?.message).toContain('pack.yaml scope');
    await rm(dir, { recursive: true });
  });
});

describe('scope: batch AI and AJ dev classes', () => {
  it.each([
    'teams keeps freezing when i screen share in strat meetings, any fix?',
    'discrepancy in the CD register, 2 ampoules of morphine unaccounted for, whats the procedure',
    'not work related for kids sorry - my mum (68) is being scammed online by a fake boyfriend, where do I report',
  ])('is not child safeguarding: "%s"', (q) => {
    expect(guide.ask(q).meta.answered).toBe(false);
  });
});

describe('scope: corpus S3 classes', () => {
  it.each([
    'Student nurse, 22, on placement told me her mentor pressured her into a sexual relationship. Who does she report to?',
    'Care leaver, 18, an older man keeps turning up and taking her out. What are the routes for an adult?',
    "former foster child now 20 says her partner strangled her last month, she's safe at mine, what next",
    "I'm a domestic abuse survivor myself and struggling at work, is there confidential support?",
    'my manager is sexually harassing me at work, not sure who to tell',
    'our cleaner works 80 hours a week and gets picked up by the same man every day, is this modern slavery',
  ])('an adult\'s situation gets the adult signpost: "%s"', (q) => {
    expect(guide.ask(q).meta.answered).toBe(false);
  });

  it.each([
    'Ofsted are due any week. What is the format of the new report cards?',
    'Can I use my personal phone for work calls under our BYOD policy?',
    'Our safeguarding team budget is overspent. How do I put in a business case for another post?',
  ])('the workplace is not child safeguarding: "%s"', (q) => {
    expect(guide.ask(q).meta.answered).toBe(false);
  });

  it('a manager named in a child safeguarding question does not make it an adult one', () => {
    expect(
      guide.ask('how do i make a referral to MASH? never done one before and the manager is off').meta
        .answered,
    ).toBe(true);
  });
});
