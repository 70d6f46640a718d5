import { DANGER_RULES, HYPOTHETICAL, NOW, PAST, SAFE_NOW, STRONG_NOW } from './escalation-rules.js';

export interface DangerAssessment {
  escalate: boolean;
  /** Fixed, human-readable reasons (never the user's words): safe to log. */
  reasons: string[];
}

const SENTENCES = /[^.!?;\n]+/g;
const CLAUSE_BREAK = /\b(?:and|but|however|although|though|whereas)\b/;

/**
 * Whether `text` describes a child at immediate or imminent risk now (so the reply leads with 999).
 * Historical disclosures, general or hypothetical questions, and messages saying there is no immediate
 * risk do not escalate — unless they also say it is happening right now.
 */
export function detectImmediateDanger(text: string): DangerAssessment {
  const message = text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ');
  const strong = STRONG_NOW.test(message);
  if (SAFE_NOW.test(message) && !strong) return { escalate: false, reasons: [] };

  const reasons = new Set<string>();
  for (const [sentence] of message.matchAll(SENTENCES)) {
    if (!strong && HYPOTHETICAL.test(sentence)) continue;
    const sentenceNow = NOW.test(sentence);
    for (const clause of sentence.split(CLAUSE_BREAK)) {
      if (PAST.test(clause) && !NOW.test(clause)) continue;
      for (const rule of DANGER_RULES) {
        if (reasons.has(rule.reason) || !rule.pattern.test(clause)) continue;
        if (rule.needsNow && !sentenceNow) continue;
        if (rule.sentenceAlso && !rule.sentenceAlso.test(sentence)) continue;
        if (rule.messageAlso && !rule.messageAlso.test(message)) continue;
        reasons.add(rule.reason);
      }
    }
  }
  return { escalate: reasons.size > 0, reasons: [...reasons] };
}
