import type { ContentPack, GuidanceItem } from '../content/types.js';
import { emptyReply, newReplyId, type Reply } from '../reply.js';
import { detectImmediateDanger, findPii, type PiiFinding } from '../safety/index.js';
import { subjectsOf } from '../safety/danger/subject.js';
import { focusOf, type MessageFocus } from '../understanding/focus.js';
import { parse, type Sentence } from '../understanding/nlp.js';
import { Shorthand } from '../understanding/shorthand.js';
import { Scope } from '../understanding/scope.js';
import {
  adultReply,
  didYouMeanReply,
  generalRouteReply,
  offerSecondQuestion,
} from './understanding-replies.js';
import type { GuidanceIndex, SearchHit } from '../search/index.js';
import { cleanInput, MAX_QUESTION_CHARS, type InputProblem } from './input.js';
import { itemSources, itemToReply, standardActions } from './item-reply.js';
import { signpostReply } from './signpost.js';
import { staffActs, staffWordsOf } from '../understanding/actor.js';
import { WriterRoles } from '../understanding/roles.js';
import { resolveContact } from '../content/contacts.js';
import { EMERGENCY_WARNING, PII_WARNING } from './warnings.js';

export interface AnswerPolicy {
  /** Minimum share of the question's (IDF-weighted) meaning the best item must cover. */
  minCoverage: number;
  /** Minimum IDF weight of matched domain-vocabulary terms (see SearchHit.anchorWeight). */
  minAnchorWeight: number;
  /**
   * Long, situational questions carry many incidental words; with this much domain evidence a lower
   * coverage is enough (tuned on tests/eval/questions.jsonl, checked on the shared practice set).
   */
  strongAnchorWeight: number;
  minCoverageWithStrongAnchor: number;
  /**
   * A long account of what happened names many things the guidance never mentions (the bus, the
   * email, the after-school club); with this much domain evidence even less coverage is enough.
   */
  veryStrongAnchorWeight: number;
  minCoverageWithVeryStrongAnchor: number;
  /** A short question wholly about a domain term ("wot is hsb") needs less anchor weight. */
  minAnchorWeightWhenFullyCovered: number;
  /** How many items below the top one may answer instead, and how close their score must be. */
  runnersUp: number;
  runnerUpRatio: number;
  runnerUpMinCoverage: number;
  /** …or, when the top item is not confident, covers this much more of the question than it. */
  runnerUpCoverageLead: number;
  /** A second item is shown too when its score is at least this share of the best. */
  secondItemRatio: number;
  /** Answers whose coverage is less than this above minCoverage count as low confidence (admin report). */
  lowConfidenceMargin: number;
  /** Item used as the first answer when a message describes immediate danger. */
  emergencyItemId: string;
  /**
   * When a member of staff is the one acting on a child, items with one of these tags (the
   * allegations route) have their scores multiplied by staffActorBoost before ranking.
   */
  staffActorTags: readonly string[];
  staffActorBoost: number;
}

export const DEFAULT_POLICY: AnswerPolicy = {
  minCoverage: 0.45,
  minAnchorWeight: 2,
  strongAnchorWeight: 4.5,
  minCoverageWithStrongAnchor: 0.3,
  veryStrongAnchorWeight: 8,
  minCoverageWithVeryStrongAnchor: 0.2,
  minAnchorWeightWhenFullyCovered: 1.2,
  runnersUp: 2,
  runnerUpRatio: 0.6,
  runnerUpMinCoverage: 0.9,
  runnerUpCoverageLead: 0.05,
  secondItemRatio: 0.75,
  lowConfidenceMargin: 0.1,
  emergencyItemId: 'immediate-danger',
  staffActorTags: ['lado', 'allegations'],
  staffActorBoost: 1.5,
};

/** A match this clear answers even a message that names no concern (see outOfScope). */
const CLEAR_MATCH_COVERAGE = 0.8;
const CLEAR_MATCH_ANCHOR = 4;
// …or most of it, on a great deal of domain evidence ("she wants me to promise I won't tell her
// parents what she says": no concern word, but the disclosure item's own phrasing).
// A freephone number's digits, national (0800…, 0808…) or international (44800…, 0044808…).
const FREEPHONE = /^(?:0|44|0044|440)80[08]/;
const STRONG_MATCH_COVERAGE = 0.6;
const STRONG_MATCH_ANCHOR = 12;

/** A single sentence answering alone must cover this much more than the usual minimum. */
const STRONGEST_SENTENCE_MARGIN = 0.15;

/** How much more of a question a runner-up must explain to answer instead of the top-ranked item. */
const CLEAR_COVERAGE_LEAD = 0.15;
/** Scores this close are a tie the ranking may have broken on a word or two. */
const NEAR_TIE = 0.9;

/** A message this long is an account of what happened, not a question alone. */
const LONG_ACCOUNT_WORDS = 20;
const isLongAccount = (text: string) => text.split(/\s+/).length >= LONG_ACCOUNT_WORDS;

/** How clearly a selection matches: the best hit's coverage, weighted by its domain evidence. */
const strength = (sel: { hits: SearchHit[] }): number => {
  const h = sel.hits[0];
  return h ? h.coverage * Math.min(1, h.anchorWeight / 6) : 0;
};

/** How near an item must be to be offered under "did you mean". */
// A near item shares real domain words with the question, not just an everyday word like "write".
const NEAR_MIN_COVERAGE = 0.25;
const NEAR_MIN_ANCHOR = 3;
// A long account covers little of itself with any item: one that shares strong domain evidence with
// it (exploitation signs told as a story) is near on less of its words.
const NEAR_MIN_COVERAGE_OF_ACCOUNT = 0.15;

/** Redaction placeholders carry no meaning for search. */
const withoutPlaceholders = (text: string) =>
  text
    // "NHS number [nhs-number]", "DOB: [dob]": the label words go with the value they introduce.
    .replace(
      /\b(?:nhs\s*(?:number|no\.?)|dob|d\.o\.b\.?|date of birth|born|address|postcode|phone(?:\s*number)?|tel|mobile|e-?mail)\s*(?:is|was|:)?\s*(?=\[)/gi,
      ' ',
    )
    .replace(/\[(?:name|dob|nhs-number|postcode|address|phone|email)\]/g, ' ');

/** `text` with each finding replaced by its kind in brackets, as safety's redact() does, from one PII scan. */
function redactFindings(text: string, findings: readonly PiiFinding[]): string {
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += `${text.slice(at, f.start)}[${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/** Question → Reply: safety first (danger, identifiable data), then search, then an answer or an honest signpost. */
export class Answerer {
  private readonly shorthand: Shorthand;
  /** The numbers the pack itself prints (999, 101, helplines), as digits. */
  constructor(
    private readonly pack: ContentPack,
    private readonly index: GuidanceIndex,
    private readonly policy: AnswerPolicy = DEFAULT_POLICY,
  ) {
    this.shorthand = new Shorthand(pack.settings.lexicon ?? {});
    const scope = pack.settings.scope;
    this.scope = scope ? new Scope(scope, index.synonyms) : undefined;
    for (const c of pack.contacts.values()) if (c.phone) this.ownNumbers.add(c.phone.replace(/\D/g, ''));
    this.staffWords = staffWordsOf(pack.settings.synonyms ?? {});
    this.roles = new WriterRoles(pack.settings.roles ?? {});
  }

  private readonly roles: WriterRoles;

  private readonly staffWords: ReadonlySet<string>;

  private readonly ownNumbers = new Set<string>();
  /** What makes a message a safeguarding question, when the pack says (else every message may be). */
  private readonly scope?: Scope;

  /** The text the danger model and the search read: identifiers removed, shorthand written out. */
  readable(raw: unknown): string {
    return this.prepare(raw).text;
  }

  private prepare(raw: unknown) {
    const input = cleanInput(raw);
    // One scan serves both the warning (detectPii is "any finding") and the redacted text read below.
    const pii = input.problem === 'empty' ? [] : this.notOurNumbers(findPii(input.text), input.text);
    const text =
      input.problem === 'empty'
        ? ''
        : this.shorthand.expand(withoutPlaceholders(redactFindings(input.text, pii)));
    return { input, pii, text };
  }

  answer(raw: unknown, replyId: string = newReplyId()): Reply {
    const { input, pii, text } = this.prepare(raw);
    const sentences = parse(text);
    // Who the message is about: read once, for the danger check and for the adult signpost.
    const subjects = subjectsOf(text);
    const danger =
      input.problem === 'empty' ? { escalate: false } : detectImmediateDanger(text, sentences, subjects);

    let reply: Reply;
    if (input.problem) reply = this.problemReply(input.problem, replyId);
    else {
      // A children's service: an adult-only situation gets an honest signpost, never child guidance.
      if (subjects.adult && !subjects.child && !danger.escalate) reply = adultReply(this.pack, replyId);
      // Pay scales, a toddler's sleep, a phone to buy: no concern and no safeguarding process named.
      else if (this.outOfScope(text, sentences, subjects.child, danger.escalate))
        reply = signpostReply(this.pack, replyId, 'no-match');
      else
        reply = this.understood(
          focusOf(text, sentences),
          replyId,
          subjects.child,
          subjects.child && (this.scope?.namesConcern(sentences) ?? true),
          staffActs(sentences, this.staffWords),
          subjects.ages,
        );
    }
    if (reply.meta.answered && !input.problem) this.withRouteOfRole(reply, text);
    if (danger.escalate) reply = this.withEmergencyFirst(reply);
    if (pii.length > 0) {
      reply.warnings.push(PII_WARNING);
      reply.meta.pii = true;
    }
    return reply;
  }

  /**
   * The answer to the message's focus: the practitioner's question sentences and the whole body, the
   * clearer match winning; if neither is confident, the strongest single sentence. Two confident
   * questions on different items: the first answered, the other offered. Nothing confident: "did you
   * mean" with near items, or the signpost.
   */
  private understood(
    focus: MessageFocus,
    replyId: string,
    aboutAChild: boolean,
    concernForAChild: boolean,
    staffActor: boolean,
    ages: readonly number[],
  ): Reply {
    const select = (text: string) => this.select(text, staffActor, ages);
    const whole = select(focus.body);
    const questionHits = focus.questions.map((q, i) => {
      const alone = focus.askedAlone[i];
      const bare = alone === undefined ? undefined : select(alone);
      const top = bare?.hits[0];
      return bare && top && top.coverage >= CLEAR_MATCH_COVERAGE && top.anchorWeight >= CLEAR_MATCH_ANCHOR
        ? bare
        : select(q);
    });
    // "What is the process?", "Should I have flagged it?": a question with no domain words of its own
    // does not outrank the story it asks about.
    const confidentQuestions = questionHits.filter(
      (h) => (h.hits[0]?.anchorWeight ?? 0) >= CLEAR_MATCH_ANCHOR,
    );
    // The practitioner's own question sentence outranks the words of the story around it, unless the
    // whole message is the clearer match.
    const bestQuestion = [...confidentQuestions].sort((a, b) => strength(b) - strength(a))[0];
    // Two questions: the first is answered and the other offered, so the first question leads.
    const lead = confidentQuestions.length >= 2 ? confidentQuestions[0] : bestQuestion;
    let chosen =
      lead &&
      focus.sentences.length > 1 &&
      (confidentQuestions.length >= 2 || whole.hits.length === 0 || strength(lead) >= strength(whole))
        ? lead
        : whole.hits.length > 0
          ? whole
          : lead;
    if (!chosen) {
      const bySentence = focus.sentences
        .map((s) => select(s))
        .filter(
          (h) =>
            h.hits.length > 0 &&
            (h.hits[0]?.coverage ?? 0) >= this.policy.minCoverage + STRONGEST_SENTENCE_MARGIN,
        );
      chosen = bySentence.sort((a, b) => (b.hits[0]?.coverage ?? 0) - (a.hits[0]?.coverage ?? 0))[0];
      if (chosen) chosen = { ...chosen, lowConfidence: true };
    }
    if (!chosen) {
      // Near items are offered only for a message about a child or a safeguarding concept; a cover
      // letter or a parking ticket gets the plain signpost, not unrelated titles.
      const near = aboutAChild || this.index.mentionsDomain(focus.body) ? this.nearItems(focus.body, ages) : [];
      // A worry about a child that no item covers gets the pack's general route (tell the DSL, refer
      // if at risk, record it), said to be general, with the nearest items one tap away.
      const general = this.pack.settings.general_item
        ? this.pack.byId.get(this.pack.settings.general_item)
        : undefined;
      if (concernForAChild && general) return generalRouteReply(this.pack, general, near, replyId);
      return near.length > 0
        ? didYouMeanReply(this.pack, near, replyId)
        : signpostReply(this.pack, replyId, 'no-match');
    }
    const reply = this.fromHits(chosen.hits, replyId);
    if (reply.meta.answered) reply.meta.lowConfidence = chosen.lowConfidence;
    if (confidentQuestions.length >= 2) {
      const other = confidentQuestions
        .map((h) => h.hits[0]?.id)
        .find((id) => id !== undefined && !reply.meta.itemIds.includes(id));
      const item = other ? this.pack.byId.get(other) : undefined;
      if (item) offerSecondQuestion(reply, item);
    }
    return reply;
  }

  /**
   * No concern, harm or safeguarding process named, and no item that clearly matches: the words it
   * shares with the guidance are everyday ones. Off-topic questions cover at most about half of
   * themselves (an item's everyday words); a clear match covers more, with domain evidence.
   */
  private outOfScope(
    text: string,
    sentences: readonly Sentence[],
    aboutAChild: boolean,
    danger: boolean,
  ): boolean {
    if (!this.scope || danger) return false;
    if (this.scope.onlyTheJob(sentences, aboutAChild)) return true;
    if (this.scope.includes(text, sentences, aboutAChild)) return false;
    const best = this.index.search(text, 1)[0];
    return !(
      best &&
      ((best.coverage >= CLEAR_MATCH_COVERAGE && best.anchorWeight >= CLEAR_MATCH_ANCHOR) ||
        (best.coverage >= STRONG_MATCH_COVERAGE && best.anchorWeight >= STRONG_MATCH_ANCHOR))
    );
  }

  /** A foster carer's route (the child's social worker) first among an answer's contacts. */
  private withRouteOfRole(reply: Reply, text: string): void {
    const contacts = this.roles.contactsFor(text).map((key) => resolveContact(this.pack.contacts, key));
    const fresh = contacts.filter((c) => !reply.contacts.some((o) => o.name === c.name));
    if (fresh.length > 0) reply.contacts = [...fresh, ...reply.contacts];
  }

  /**
   * The numbers this service itself prints (999, 101, national helplines) are not identifiers, nor is
   * any freephone number (0800, 0808: an organisation's line, such as a whistleblowing helpline).
   */
  private notOurNumbers(findings: PiiFinding[], text: string): PiiFinding[] {
    return findings.filter((f) => {
      if (f.kind !== 'phone') return true;
      const digits = text.slice(f.start, f.end).replace(/\D/g, '');
      return !this.ownNumbers.has(digits) && !FREEPHONE.test(digits);
    });
  }

  /** Items close to the question without being confident: the "did you mean" candidates. */
  private nearItems(text: string, ages: readonly number[]): GuidanceItem[] {
    const account = isLongAccount(text);
    const near = (h: SearchHit) =>
      (h.coverage >= NEAR_MIN_COVERAGE && h.anchorWeight >= NEAR_MIN_ANCHOR) ||
      (account &&
        h.coverage >= NEAR_MIN_COVERAGE_OF_ACCOUNT &&
        h.anchorWeight >= this.policy.strongAnchorWeight);
    return this.forTheirAges(this.index.search(text, 3), ages)
      .filter(near)
      .map((h) => this.pack.byId.get(h.id))
      .filter((i): i is GuidanceItem => i !== undefined);
  }

  /** A member of staff acting on a child: the allegations route ranks above harm between children. */
  private towardsStaffRoute(hits: SearchHit[]): SearchHit[] {
    const { staffActorTags: tags, staffActorBoost: boost } = this.policy;
    const staffRoute = (h: SearchHit) =>
      this.pack.byId.get(h.id)?.tags.some((t) => tags.includes(t)) ?? false;
    return hits
      .map((h) => (staffRoute(h) ? { ...h, score: h.score * boost } : h))
      .sort((a, b) => b.score - a.score);
  }

  /**
   * Items written for other ages left out: "homeless at 16 or 17" does not answer for an 11 year old,
   * nor the Under 10 Protocol for a 14 year old. Kept when any child named is in the item's range, so a
   * 12 year old who harmed a 7 year old still meets the under-10s items.
   */
  private forTheirAges(hits: SearchHit[], ages: readonly number[]): SearchHit[] {
    if (ages.length === 0) return hits;
    const forThem = (h: SearchHit) => {
      const range = this.pack.byId.get(h.id)?.ages;
      return !range || ages.some((a) => a >= range.from && a <= range.to);
    };
    const first = hits.findIndex(forThem);
    const top = hits[0];
    // What the question was about is the item left out ("kicked out at 11, nowhere to sleep" is the
    // homeless item's question): a far weaker item is not its answer, as a runner-up would not be.
    const weakest = first > 0 && top ? top.score * this.policy.runnerUpRatio : 0;
    return hits.filter((h) => forThem(h) && h.score >= weakest);
  }

  /** Hits above the confidence threshold, best first (the best, and a close second). */
  confidentHits(text: string): SearchHit[] {
    return this.select(text).hits;
  }

  /**
   * The confident hits, and whether the answer is low confidence. Low confidence means the answer got
   * in by a relaxed path rather than the primary rule (coverage ≥ minCoverage and anchor weight ≥
   * minAnchorWeight), or only just: a strong-anchor answer to a long question that covers little of it,
   * a fully covered short question with little domain weight, a runner-up standing in for the
   * top-ranked item, or coverage within lowConfidenceMargin of minCoverage. These are the answers most
   * likely to miss the question, so the admin report lists them beside the unanswered ones.
   */
  select(
    text: string,
    staffActor = false,
    ages: readonly number[] = [],
  ): { hits: SearchHit[]; lowConfidence: boolean } {
    const found = this.forTheirAges(this.index.search(text, 5), ages);
    const hits = staffActor ? this.towardsStaffRoute(found) : found;
    const p = this.policy;
    const confident = (h: SearchHit | undefined): h is SearchHit =>
      h !== undefined &&
      ((h.coverage >= p.minCoverage && h.anchorWeight >= p.minAnchorWeight) ||
        (h.coverage >= 0.99 && h.anchorWeight >= p.minAnchorWeightWhenFullyCovered) ||
        (h.coverage >= p.minCoverageWithStrongAnchor && h.anchorWeight >= p.strongAnchorWeight) ||
        (h.coverage >= p.minCoverageWithVeryStrongAnchor && h.anchorWeight >= p.veryStrongAnchorWeight));
    // When the top-ranked item does not answer the question, a close runner-up that covers all of it does.
    const top = hits[0];
    const topConfident = confident(top);
    const topCoverage = top?.coverage ?? 0;
    const topScore = top?.score ?? 0;
    const topAnchor = top?.anchorWeight ?? 0;
    const at = hits.findIndex(
      (h, i) =>
        confident(h) &&
        (i === 0 ||
          (i <= p.runnersUp &&
            ((h.coverage >= p.runnerUpMinCoverage && h.score >= topScore * p.runnerUpRatio) ||
              // A runner-up that explains clearly more of the question than an unconfident top item.
              (!topConfident &&
                h.coverage >= topCoverage + p.runnerUpCoverageLead &&
                h.anchorWeight >= p.veryStrongAnchorWeight) ||
              // Or clearly more of it on at least the top item's domain evidence: a near tie in score
              // that the top item wins on a word or two of the question.
              (!topConfident &&
                h.score >= topScore * NEAR_TIE &&
                h.coverage >= topCoverage + CLEAR_COVERAGE_LEAD &&
                h.anchorWeight >= topAnchor)))),
    );
    if (at < 0) return { hits: [], lowConfidence: false };
    // A long account is confident only by its domain evidence, so its word-weight ranking leans on
    // incidental words ("a parent told me" ranks the item on telling parents): among the close
    // confident items, the one that explains most of the message answers.
    let pick = at;
    const longAccount = (hits[at]?.coverage ?? 0) < p.minCoverage && isLongAccount(text);
    // Any question: a close item that explains clearly more of it, on as much domain evidence, answers
    // instead ("a kid in my class" is not a question about FGM because one FGM phrasing says "class").
    const lead = longAccount ? p.runnerUpCoverageLead : CLEAR_COVERAGE_LEAD;
    hits.slice(0, p.runnersUp + 1).forEach((h, i) => {
      const current = hits[pick] as SearchHit;
      if (
        confident(h) &&
        h.coverage > current.coverage + lead &&
        (longAccount || h.anchorWeight >= Math.min(current.anchorWeight, p.strongAnchorWeight))
      )
        pick = i;
    });
    const best = hits[pick] as SearchHit;
    const second = hits.find((h, i) => i !== pick && i > Math.min(at, pick) && confident(h));
    const keepSecond = second !== undefined && second.score >= best.score * p.secondItemRatio;
    const primaryWithMargin =
      best.coverage >= p.minCoverage + p.lowConfidenceMargin && best.anchorWeight >= p.minAnchorWeight;
    return { hits: keepSecond ? [best, second] : [best], lowConfidence: pick > 0 || !primaryWithMargin };
  }

  private fromHits(hits: SearchHit[], replyId: string): Reply {
    const [best, second] = hits
      .map((h) => this.pack.byId.get(h.id))
      .filter((i): i is GuidanceItem => Boolean(i));
    if (!best) return signpostReply(this.pack, replyId, 'no-match');
    const reply = itemToReply(this.pack, best, replyId);
    reply.meta.confidence = hits[0]?.coverage;
    if (second) this.addAlsoRelevant(reply, second);
    return reply;
  }

  private addAlsoRelevant(reply: Reply, item: GuidanceItem): void {
    reply.sections.push({ heading: `Also relevant: ${item.title}`, style: 'text', lines: [item.summary] });
    reply.sources.push(...itemSources(item));
    reply.meta.itemIds.push(item.id);
    reply.actions = standardActions(reply.followUps, reply.meta.itemIds, reply.meta.replyId);
  }

  /**
   * Immediate danger leads: the 999 warning, then the emergency guidance, then whatever else the question
   * matched. The emergency item's background sections (such as when 999 is not needed) are left out here.
   */
  private withEmergencyFirst(reply: Reply): Reply {
    const emergency = this.pack.byId.get(this.policy.emergencyItemId);
    const warnings = [EMERGENCY_WARNING, ...reply.warnings];
    if (!emergency)
      return { ...reply, kind: 'escalation', warnings, meta: { ...reply.meta, escalation: true } };
    const out = itemToReply(this.pack, emergency, reply.meta.replyId);
    const matched = reply.meta.answered && !reply.meta.itemIds.includes(emergency.id) ? reply : undefined;
    out.kind = 'escalation';
    out.warnings = warnings;
    out.sections = matched
      ? [
          { heading: `Then: ${matched.title}`, style: 'text', lines: [matched.summary ?? ''] },
          ...(matched.steps.length
            ? [{ heading: 'Next steps', style: 'ordered' as const, lines: matched.steps }]
            : []),
          ...matched.sections,
        ]
      : [];
    out.sources.push(...(matched?.sources ?? []));
    if (matched?.followUps.length) out.followUps = matched.followUps;
    out.meta = {
      ...out.meta,
      escalation: true,
      pii: reply.meta.pii,
      itemIds: [emergency.id, ...(matched?.meta.itemIds ?? [])],
    };
    out.actions = standardActions(out.followUps, out.meta.itemIds, out.meta.replyId);
    return out;
  }

  private problemReply(problem: InputProblem, replyId: string): Reply {
    const reply = emptyReply('notice', 'I need a question', replyId);
    reply.summary = {
      empty:
        'Your message was empty. Type a question, for example: "A 7 year old keeps touching other children at playtime, what do I do?"',
      'no-words':
        'I couldn\'t find a question in that message. Please ask in words, for example: "What is the Under 10 Protocol?"',
      'too-long': `That message is too long for me (over ${MAX_QUESTION_CHARS} characters). Please ask a short question, and don't paste case notes or records here.`,
    }[problem];
    reply.actions = [{ kind: 'command', label: 'What can you help with?', value: 'help' }];
    return reply;
  }
}
