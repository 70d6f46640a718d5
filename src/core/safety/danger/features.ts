import type { Sentence } from '../../understanding/nlp.js';
import type { ClauseReading } from './reading.js';

/** What the learned layer sees of a message: the model's readings, message-level cues, and lemmas. */
export interface SituationCues {
  readings: readonly ClauseReading[];
  sentences: readonly Sentence[];
  child: boolean;
  resolved: boolean;
  declaredUrgent: boolean;
  goingOn: boolean;
  lockedDoor: boolean;
  harmContext: boolean;
  messageLater: boolean;
}

const READING_FLAGS = [
  'seriousHarm',
  'weakHarm',
  'ongoingHarm',
  'takenAside',
  'recentPast',
  'statedNow',
  'habit',
  'routine',
  'weakProgressive',
  'presentHarmVerb',
  'infoQuestion',
  'confine',
  'take',
  'abduct',
  'weapon',
  'injury',
  'unsafe',
  'meet',
  'presence',
  'alone',
  'incapacitated',
  'pronounPresent',
  'poisoned',
  'plea',
  'privateSpace',
  'liveOnline',
  'undress',
  'selfHarm',
  'missing',
  'threat',
  'distress',
  'stillThere',
  'fear',
  'reported',
  'sexualHarm',
  'now',
  'past',
  'later',
  'generalQuestion',
] as const satisfies readonly (keyof ClauseReading)[];

// Content words only: the parts of speech that carry the situation, not its grammar.
const CONTENT_POS = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN', 'NUM']);

/** Binary features of a message, by name ("r:presence", "r:presence&now", "m:resolved", "w:wardrobe"). */
export function situationFeatures(cues: SituationCues): Set<string> {
  const out = new Set<string>();
  for (const r of cues.readings)
    for (const flag of READING_FLAGS)
      if (r[flag]) {
        out.add(`r:${flag}`);
        // The same clause saying it now, or in the past: when a harm happens is most of what matters.
        if (r.now && flag !== 'now') out.add(`r:${flag}&now`);
        if (r.past && flag !== 'past') out.add(`r:${flag}&past`);
      }
  const message: Record<string, boolean> = {
    child: cues.child,
    resolved: cues.resolved,
    declaredUrgent: cues.declaredUrgent,
    goingOn: cues.goingOn,
    lockedDoor: cues.lockedDoor,
    harmContext: cues.harmContext,
    messageLater: cues.messageLater,
    question: cues.sentences.some((s) => s.text.trim().endsWith('?')),
  };
  for (const [name, on] of Object.entries(message)) if (on) out.add(`m:${name}`);
  for (const s of cues.sentences)
    for (const t of s.tokens)
      if (CONTENT_POS.has(t.pos) && /^[a-z]{3,}$/.test(t.lemma)) out.add(`w:${t.lemma}`);
  return out;
}

/** A logistic model over those features, trained by scripts/train-danger-model.ts. */
export interface LearnedModel {
  bias: number;
  weights: Record<string, number>;
  threshold: number;
  trainedOn: string[];
}

export function scoreOf(model: LearnedModel, features: ReadonlySet<string>): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
