// Word classes the danger model reads, by lemma (the NLP model's dictionary form). Each class is a
// kind of meaning (harm, confinement, taking, presence, time), not a phrasing of one message.

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Serious sexual or physical harm: enough alone, when undated, to lead with 999 (fail-safe). */
export const SERIOUS_HARM = set(`rape abuse assault molest grope strangle choke stab attack batter beat punch
  kick slap hit hurt harm kill smother suffocate burn injure rapist abuser paedophile pedophile fondle
  interfere throttle thump whack smack drown violate sodomise sodomize yank shove manhandle`);

/** Everyday words for beating someone up: harm only with a person as their object ("smash him",
 * "lamp her"); "smash the window", "deck chair" are not. */
export const VIOLENT_SLANG = set(`smash bash thrash leather wallop belt deck lamp pummel`);

/** What a beating is named by: "he'll do the belt", "she gets the slipper". */
export const BEATING_INSTRUMENTS = set(`belt strap slipper cane stick`);

/** The serious harms that are sexual: with a present-tense verb they lead with 999 even when retold. */
export const SEXUAL_HARM =
  set(`rape rapist molest grope fondle interfere violate sodomise sodomize abuse abuser
  paedophile pedophile`);

/** Harm words that describe many everyday HSB questions: they count only with a now-cue. */
export const WEAK_HARM = set(`touch expose undress force threaten groom exploit bully film record photograph
  pressure coerce blackmail sextort flash fiddle kiss masturbate sell pimp`);

/** Handling that injures a baby or toddler (harm only with one as the object: "shaking the baby"). */
export const ROUGH_HANDLING = set(`shake swing throw toss dangle fling`);

/** Sexual material shown to a child. */
export const PORN = set(`porn porno pornography xxx`);

/** Sexual body words: a child's account of sexual abuse in their own words is serious harm. */
export const SEXUAL_BODY = set(`willy penis genitals privates vagina fanny bum bottom breasts boobs dick
  cock minge`);

/** Where a person being there is a threat to a child inside (a neutral place such as school is not). */
export const THREAT_PLACES = set(`here there outside downstairs upstairs nearby around door doorway gate gates
  car van waiting reception fence lift stairwell alley foyer`);

/** A person who has harmed or may harm (nouns). */
export const HARMER = set(`abuser offender perpetrator suspect rapist paedophile pedophile predator stranger
  trafficker pimp`);

/** Words that make a present adult a risk to a child (with a harm context elsewhere in the message). */
export const RISK_CONTEXT = set(`schedule offender exploit exploitation groom grooming trafficking sexual sex
  nude nudes naked pictures photos video videos boyfriend punter client clients online snapchat instagram
  tiktok app roblox discord secret secrets condition conditions bail bailed banned barred allowed order injunction owe
  owes debt molestation restraining protection older drink drinking slurring stinks drunk intoxicated high wasted violent violence aggressive kicking off angry gang weapon
  knife drugs blokes men males strangers adults domestic dv da refuge unaccompanied trafficked trafficking
  psychotic psychosis voices delusional manic`);

/** What an adult plies a child with ("he gave her vodka", "giving them weed"): grooming or exploitation. */
export const PLIED_WITH = set(`vodka alcohol booze drink drinks cider beer spirits drugs weed cannabis pills
  spice ket ketamine coke cocaine vapes vape`);

/** Holding a child against their will. */
export const CONFINE = set(
  `lock padlock bolt trap pin restrain barricade corner detain imprison hostage tie block wedge jam`,
);

/** Taking a child away, collecting or driving off with them. */
export const TAKE = set(`take collect pick drive fetch`);

/** Taking a child by force or deceit: harm in itself. */
export const ABDUCT = set(`abduct snatch drag bundle lure kidnap grab smuggle`);

/** Verbs of moving a child that, with "into a car" or "off/away", are taking them. */
export const MOVE_CHILD = set(`pull push walk lead carry bring march usher wheel`);

/** Weapons. */
export const WEAPON = set(
  `knife knives gun guns firearm firearms shotgun rifle pistol handgun revolver blade machete weapon axe
  hammer bat crowbar petrol acid`,
);

/** People who may be present (the narrator aside). */
export const PERSON = set(`he she they someone somebody man men woman boy boys girl lad lads dad father
  coach helper leader ex
  stepdad stepfather mum mother stepmum uncle aunt brother stepbrother sister cousin boyfriend girlfriend
  partner friend ex stranger grandad grandfather nan neighbour parent parents carer family members member
  abuser offender perpetrator suspect fella bloke guy group`);

/** A person arriving, waiting or being present. */
export const PRESENCE_VERBS = set(`wait sit stand bang knock arrive turn walk come follow hang lurk park stay
  watch shout scream insist`);

/** Places that put a person with or near the child. */
export const PLACES = set(`here there outside downstairs upstairs inside nearby around door gate gates car van
  reception room bedroom bathroom toilet toilets house flat home lounge corridor waiting building yard
  field park playground street school surgery ward desk window office shop pub gym changing hall church
  mosque club party station bus stop entrance carpark garden kitchen fence lift stairwell alley foyer
  ground grounds roof vestry hotel table counter bench booth cafe library pool tent`);

/** Live online contact in progress. */
export const LIVE_ONLINE = set(`facetime videocall webcam camera livestream stream streaming headset
  skype zoom discord twitch omegle cam livestreaming`);

/** Undressing or sexual display asked of a child. */
export const UNDRESS_OBJECTS = set(`clothes top trousers pants shirt knickers underwear bra body`);

/** Self-harm now. */
export const SELF_HARM_OBJECTS = set(`tablets pills paracetamol overdose ligature blade razor noose`);

/** Self-harm objects that are a risk however they are mentioned ("he's got a ligature"). */
export const SELF_HARM_ALWAYS = set(`ligature noose`);

/** Distress heard or seen now. */
export const DISTRESS = set(`scream crying cry sob shout screaming shaking hide hiding terrified petrified
  scared frightened banging smashing`);

/** Time words that put an event now or within hours. */
export const NOW_WORDS = set(`now still currently presently literally tonight today later soon
  imminently meanwhile lunchtime hometime tonite midnight`);

/** Phrases for this very moment (as against a time of day: "this morning", "at 3.15"). */
export const MOMENT_PHRASES: readonly string[][] = [
  ['right', 'now'],
  ['as', 'we', 'speak'],
  ['at', 'the', 'moment'],
  ['on', 'his', 'way'],
  ['on', 'her', 'way'],
  ['on', 'their', 'way'],
  ['any', 'minute'],
];

export const SOON_PHRASES: readonly string[][] = [
  ...MOMENT_PHRASES,
  ['this', 'afternoon'],
  ['this', 'evening'],
  ['this', 'morning'],
  ['after', 'school'],
  ['end', 'of', 'the', 'day'],
  ['on', 'the', 'line'],
  ['on', 'the', 'phone'],
  ['home', 'time'],
  ['pick', 'up', 'time'],
  ['in', 'a', 'bit'],
  ['coming', 'round'],
  ['coming', 'over'],
  ['end', 'of', 'school'],
  ['this', 'lunchtime'],
];

/** Time words that put an event in the past. */
export const PAST_WORDS = set(`yesterday ago previously historic historical historically earlier formerly
  once before`);

export const PAST_PHRASES: readonly string[][] = [
  ['in', 'the', 'past'],
  ['a', 'long', 'time', 'ago'],
  ['at', 'the', 'time'],
  ['used', 'to'],
];

/** "last week", "last term", "her last placement", "her previous school" (and "her old school"). */
export const PAST_BEFORE_NOUN = set(`last previous former`);

/** What "last/previous/former" dates when it comes before one of these ("her last placement"), not "the last stop". */
export const PAST_NOUNS = set(`night week month year term time weekend summer winter spring autumn christmas
  easter monday tuesday wednesday thursday friday saturday sunday placement school home foster carer carers
  address area setting job relationship partner boyfriend girlfriend visit session appointment meeting
  family house flat`);

/** The danger has been dealt with or the child is away from it. */
export const RESOLVED = set(`arrest arrested charge charged remand remanded custody convict convicted sentence
  sentenced jail jailed prison bail bailed remove removed excluded expelled placed settled died dead moved
  allocated suspend suspended dismiss dismissed sacked detain detained sectioned resolved unfounded
  unsubstantiated`);

/** Framing that makes the whole message general, hypothetical or for training. */
export const HYPOTHETICAL = set(`hypothetically hypothetical scenario scenarios quiz imagine suppose
  supposing theoretically pshe`);

/** Framing phrases: training, policy writing (not "U14s training" or "police procedure"). */
export const HYPOTHETICAL_PHRASES =
  /\b(?:for (?:a |our |the )?(?:[\w-]+ )?training|(?:safeguarding|staff|starter|induction|refresher|cpd|inset|level \d) training|training (?:for|with) (?:our |the |new |all )?(?:staff|drivers|volunteers|coaches|colleagues|starters|team|teachers|governors|students|trainees)|training (?:our |the |new |some )?(?:[\w-]+ )?(?:workers|staff|volunteers|starters|recruits|colleagues|trainees|call handlers|drivers|coaches|carers)\b|model answer|training (?:scenario|exercise|purposes|session|day|course|materials)|(?:inset|cpd) (?:day|training|session)|(?:writing|rewriting|updating|reviewing) (?:our|the|a) (?:[\w']+ ){0,3}(?:policy|procedure|guidance)|for (?:our|the) (?:policy|procedure)|case study|role play|tabletop|table top|flowchart|flow chart|exercise for|what should (?:our|the|a) (?:flowchart|policy|procedure|guidance|training) say|(?:staff|team) briefing|say (?:a|an|that a) (?:child|pupil|student|young person|kid)|say (?:we|you|i) (?:get|got|go|went|turn|see|find|attend)|for future ref(?:erence)?|(?:in|for) (?:a|the|our) (?:lockdown |fire |practice )?drill|(?:lockdown|practice) drill|exam (?:q|qs|question|questions)\b|(?:first aid|safeguarding|training|e-?learning|online) (?:refresher|module|course) (?:q|qs|question)|(?:for|on) (?:our|the|a|my) (?:[\w-]+ ){0,3}(?:module|coursework|assignment|essay)|(?:writing|doing) (?:the|a|our) risk assessment for|in case it (?:ever )?happens|not a live (?:job|case|incident|call|situation)|revising for|for (?:my|an|the) exam|(?:writing|putting) (?:it|this) into (?:our|the) (?:policy|procedure|protocol)|(?:writing|rewriting|updating|reviewing) (?:our|the|a) (?:[\w']+ ){0,3}protocol|if (?:[\w']+ ){1,4}ever\b)\b/;

/** Words that name a child. */
export const CHILD_NOUNS =
  set(`child children kid kids baby babies toddler infant girl girls boy boys pupil mindee mindees
  pupils student students teen teenager teenagers youngster youngsters son daughter stepson stepdaughter
  niece nephew grandson granddaughter sibling lad lads yp cyp minor schoolgirl schoolboy
  newborn placement cub cubs scout scouts brownie brownies lac`);

/** Words that name an adult as the person at risk. */
export const ADULT_NOUNS =
  set(`grownup woman women lady ladies husband wife colleague colleagues resident tenant
  elderly pensioner lecturer employee gent coworker co-worker coworkers workmate receptionist cleaner`);

/** A child seriously injured or unwell now. */
export const INJURY = set(`bleeding unconscious unresponsive injury injuries injured wound wounds fitting
  seizure concussion fracture fractured floppy burns burn scald scalds blood swollen drowsy pale limp lifeless
  fontanelle unrousable`);

/**
 * Wounds and marks a person carries ("came in with bruises", "with cuts on his arms"): the one who has
 * them is the one hurt. (Not "marks" alone: a mark is also a grade.)
 */
export const WOUNDS =
  set(`bruise bruises bruising bruised fingermarks handprint handprints welt welts cut cuts
  graze grazes scratches`);

/** Signs a child is acutely unwell, read as now even in a note with no verb ("toddler floppy, lips blue"). */
export const ACUTELY_UNWELL = set(`floppy limp lifeless unresponsive unconscious fitting seizure blue blueish
  bleeding unrousable`);

/** Words saying someone is unsafe or in danger. */
export const UNSAFE = set(`danger unsafe endangered`);

/** Places a child can be taken to out of sight. */
export const ASIDE_PLACES = set(
  `room tent toilet toilets bathroom bedroom changing cubicle car van shed office cupboard flat`,
);

/** Children too young to be left on their own at all. */
export const YOUNG = set(`baby babies toddler toddlers infant newborn tot`);

/** Words that make harm a pattern, not an event. */
export const HABIT = set(`always often sometimes regularly repeatedly every constantly usually most weekly
  nightly daily`);

/** Object pronouns: the person a verb does something to. */
export const HELD = set(`him her them himself herself themselves us`);

/** What a sextortion threat threatens to share. */
export const IMAGE_WORDS = set(`ones pics pictures photos picture photo video videos nudes images`);

/** Verbs of sexual contact done to a child. */
export const CONTACT = set(`put push touch rub lick suck grab stick insert make force shove`);

/** Places people jump from. */
export const HEIGHTS = set(`bridge roof rooftop cliff ledge railway tracks viaduct multi-storey balcony edge
  pier`);

/** "I'm collecting her at 3", "mum is picking him up": the one collecting is the narrator or a protective carer. */
export const SAFE_COLLECTORS =
  set(`i we mum mam mother nan nana gran grandma grandmother carer carers police officer
  officers worker foster`);
