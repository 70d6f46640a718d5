// Word lists for name detection. Lower-case; looked up with `.toLowerCase()`.

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/**
 * Common first names in the UK (ONS top names across recent decades, plus common South Asian, Polish,
 * African, Arabic and Irish names). A capitalised word from this list followed by another capitalised word
 * reads as "first + last name" even at the start of a sentence. Names that are also everyday words or
 * months (May, June, Will, Mark, Grace, Hope, Brook…) are left out on purpose: they need a context cue.
 */
export const FIRST_NAMES = set(`
  aaron abdul abdullah abigail ada adam adrian ahmed aidan aiden aisha alan alex alexander alexandra alfie
  ali alice alicia alison amber amelia amir amy andrew andy angela anna anne annie anthony archie arthur
  ava ayesha barbara barry beatrice bella ben benjamin beth bethany billy bobby bradley brandon brian
  caitlin callum cameron carl carol caroline charlie charlotte chloe chris christine christopher claire
  connor courtney craig daisy damian dan daniel danielle darren david dawn dean deborah declan denise
  dennis dominic donna dylan ebony eddie edward eleanor elijah eliza elizabeth ella ellie elliot elliott
  emily emma erin ethan eva evie ewan fatima finley finn fiona florence francesca freddie freya gabriel
  gary gavin gemma george georgia gillian graham hamza hannah harriet harrison harry harvey hassan hayley
  heather helen henry holly ibrahim imogen isaac isabel isabella isabelle isla ivy jack jackson jacob jade
  jake james jamie jane janet jasmine jason jayden jennifer jenny jessica jodie joe joel john jonathan
  jordan joseph josh joshua julie justin kai karen kate katie kayden kayla keeley keith kelly kevin kieran
  kirsty kyle lacey laura lauren layla leah leo leon lewis liam lily lisa logan lola louie louis louise
  luca lucas lucy luke lydia maddison madison maisie maria marie martin mary matilda matthew maya megan
  melissa mia michael michelle mohammad mohammed molly muhammad nadia naomi natalie nathan neil niamh
  nicholas nicola nina noah oliver olivia omar oscar owen paige paul peter phoebe poppy rachel rebecca
  reece rhys richard riley robert robyn rosie ross ruby ryan sadie sam samantha samuel sara sarah scarlett
  scott sean shannon sharon shaun sienna simon sofia sophia sophie stacey stephanie stephen steven stuart
  susan tanya teddy theo theodore thomas tia tilly toby tom tommy tracey tyler vanessa victoria william
  willow yusuf zac zach zachary zak zara zoe aleksander anya bartosz dawid filip jakub kacper kamil
  katarzyna krzysztof maja oliwia oskar piotr szymon wiktoria zuzanna aaliyah adil aditi ahmad amara
  amina anika arjun arun asha ayaan deepak faisal farah fiaz haris harpreet imran inaya jaspreet kiran
  maryam mustafa nabil nasreen priya rahul raj rajesh ravi reza rohan sanjay simran sunita tariq usman
  yasmin zainab zayn abena adaeze ama chidi chioma efua emeka kemi kofi kwame kwabena ngozi nia obinna
  oluwaseun tendai tunde amani amira karim khalid layla leila malik nour omari rania samir yara aoife
  ciara ciaran conor cormac eoin grainne orla padraig roisin siobhan sinead
  kayleigh kayley kaylee chelsea chantelle charlene debbie diane elaine gail hollie joanne kerry
  kimberley leanne lindsay lindsey mandy nikki paula shelley tina toni tracy vicky wendy yvonne zoey
  abbie abby alana alesha aimee alisha alyssa annabelle ariana aria bailey bonnie brooke
  brooklyn carys casey cerys charley cody darcey darcie darcy dexter elise ellis elsie esme ezra
  frankie frederick gracie hallie harley harper hugo jaxon jenson jessie jude kacey kaden
  keira kian kyra lainey lennon lexi lexie lilly lily-mae macie macy mason maxwell mckenzie
  millie miley mollie morgan myles nevaeh olly ollie oakley peyton piper quinn reggie rhianna rihanna
  ronnie rory rowan ruby-mae rylee ryley sebastian spencer stanley taylor tegan
  tayla tommie tyson wilf wilfred zachariah zane wayne gareth glenn kirk lloyd marcus
  nigel philip phil ricky robbie russell shane terry trevor troy warren clive colin derek gordon kenneth
  roy sidney tony vincent adele amanda andrea angie beverley carla cheryl clare colette dionne
  jackie jacqueline janice jeanette joanna julia katherine kathryn kathleen lesley linda lorraine lynn
  lynne margaret maxine melanie natasha nicole pamela patricia rebekah sally sandra sheila suzanne
  tamsin theresa valerie ashley ashleigh danny kieron mitchell reuben shay tristan`);

/**
 * Capitalised words practitioners use that are not people: agencies, frameworks, places, days, months,
 * role words and sentence-starters. Any candidate name containing one of these is not a name.
 */
export const NOT_NAMES = set(`
  bf gf bff bae hubby bezzie bestie
  youth justice crown prosecution service court child children sexual under protocol north south east west
  yorkshire york harrogate scarborough selby whitby ripon skipton northallerton richmond malton thirsk
  craven hambleton ryedale middlesbrough leeds bradford sheffield manchester london liverpool newcastle
  durham hull teesside england wales scotland ireland britain uk working together keeping safe education
  nspcc brook hackett childline stop it now lucy faithfull foundation police constable sergeant inspector
  detective gp doctor nurse practice surgery hospital nhs trust council county city borough local authority
  designated officer safeguarding lead partnership board care camhs forensic mental health team unit
  hub front door early help family families social worker services service probation prison school
  academy college primary secondary nursery reception year key stage ofsted department government home
  office ministry harmful behaviour behaviours behavior abuse assessment assessments framework traffic
  light tool project centre center assault referral strategy meeting discussion section act guidance
  policy procedure procedures plan order bail no wrong door looked after fostering adoption virtual head
  teacher headteacher deputy assistant senior sir madam miss mrs mr ms dr mum mom mummy dad daddy nan nana
  gran granny grandad grandpa grandma grandmother grandfather mother father auntie aunty aunt uncle
  brother sister son daughter stepdad stepmum carer carers foster parent parents pupil student students
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december christmas easter halloween term terms half summer autumn
  spring winter mocks exams scheme the a an my our his her their
  this that these those what when where why how who which is are was were can could should would will
  shall do does did have has had if and but or so then also after before since during please hi hello
  thanks thank dear yes no not i we you he she they it me him us them one two three four five six seven
  eight nine ten today yesterday tomorrow tonight last next first second new old young boy girl kid kids
  teen teenager baby toddler infant adult man woman person people someone somebody anyone everyone
  online internet snapchat instagram tiktok whatsapp facebook youtube discord roblox fortnite xbox
  playstation google microsoft teams slack christian muslim jewish sikh hindu catholic english british
  polish asian black white irish scottish welsh church mosque temple road street lane avenue drive close
  park station hill green house flat protection exploitation criminal trafficking neglect domestic
  violence sexualised relationships consent information sharing data looked mash lado yjs cps`);

/** Words that introduce a person's name ("a boy called Jack", "my pupil Sarah Ahmed", "his mum Jo"). */
export const NAME_CUES = [
  'called',
  'named',
  'name is',
  "name's",
  'known as',
  'pupil',
  'student',
  'patient',
  'client',
  'learner',
  'son',
  'daughter',
  'stepson',
  'stepdaughter',
  'grandson',
  'granddaughter',
  'nephew',
  'niece',
  'brother',
  'sister',
  'cousin',
  'friend',
  'boyfriend',
  'girlfriend',
  'partner',
  'classmate',
  'mum',
  'dad',
  'mother',
  'father',
  'stepdad',
  'stepmum',
  'uncle',
  'aunt',
  'auntie',
  'neighbour',
  'carer',
  'colleague',
  // Adults in a child's life, named by their role: "our caretaker Mark Steele", "his coach Dean Price".
  'caretaker',
  'teacher',
  'coach',
  'tutor',
  'driver',
  'escort',
  'cleaner',
  'volunteer',
  'leader',
  'babysitter',
  'childminder',
  'lodger',
  'landlord',
  'stepfather',
  'stepmother',
  'grandad',
  'grandma',
  'victim',
  'suspect',
  'boy',
  'girl',
  'child',
  'young person',
] as const;
