/** Text normalisation shared by indexing and querying: lower-case, UK/US spelling, light stemming, stop words. */

const STOP_WORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below
  between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
  few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
  him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't
  my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd
  she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
  there's these they they'd they'll they're they've this those through to too under until up very was wasn't we
  we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's
  with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
  please thanks thank hi hello just really also get got go going need needs want wants know us
  anything something someone somebody thing things way ok okay yes yeah like much many
  wat wot whats hiya think pls plz u ur im
  now right today tonight yesterday last ago next see show year years old aged yr yrs yo
  stand stands mean means meaning acronym abbreviation explain explained full options option advice
  actually actual really exactly basically normally usually literally honestly quite pretty totally even
  count counts counted meant supposed`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words whose UK/US or irregular forms should meet at one spelling before stemming. */
const SPELLING: Record<string, string> = {
  behaviour: 'behavior',
  behaviours: 'behavior',
  behavioural: 'behavioral',
  centre: 'center',
  centres: 'center',
  programme: 'program',
  programmes: 'program',
  paediatric: 'pediatric',
  counselling: 'counseling',
  judgement: 'judgment',
  offence: 'offense',
  offences: 'offense',
  defence: 'defense',
  practise: 'practice',
  licence: 'license',
  children: 'child',
  childrens: 'child',
  kids: 'kid',
  men: 'man',
  women: 'woman',
  people: 'person',
  mum: 'mother',
  mom: 'mother',
  dad: 'father',
  told: 'tell',
  telling: 'tell',
  tells: 'tell',
  said: 'say',
};

export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-');
}

/** A light suffix-stripping stemmer: enough to meet plurals, -ing/-ed forms and -ise/-ize spellings. */
export function stem(word: string): string {
  let w = SPELLING[word] ?? word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  w = w.replace(/our$/, w.length > 5 ? 'or' : 'our');
  w = w.replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1');
  w = w.replace(/ys(e|ed|es|ing)$/, 'yz$1');
  // -ies and -ied meet the -y form: worries/worried/worry, bullied/bully.
  if (/ie[sd]$/.test(w) && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // -ation and -ate meet: investigation/investigate, exploitation/exploit, education/educate.
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('at') && w.length > 6) w = w.slice(0, -2);
  return w;
}

function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

export function tokenize(text: string): string[] {
  return (normaliseText(text).match(TOKEN) ?? []).map((t) => t.replace(/'s$/, '').replace(/'/g, ''));
}

/** Every token stemmed, stop words kept (for matching multi-word phrases such as "child in need"). */
export function stems(text: string): string[] {
  return tokenize(text).map((t) => (STOP_WORDS.has(t) ? t : stem(t)));
}

export function isContentTerm(stemmed: string): boolean {
  return (stemmed.length >= 2 || /\d/.test(stemmed)) && !STOP_WORDS.has(stemmed); // "showed" → "show" is a stop word too
}

/** Tokens → index terms (stop words removed, stemmed). */
export function terms(text: string): string[] {
  return stems(text).filter(isContentTerm);
}
