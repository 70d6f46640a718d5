import type { Reply, ReplyWarning } from '../reply.js';
import { contactRefs, fillContacts, findStep, recommendedOutcomes } from './engine.js';
import { answerText, contactLine, newReply, sourcesFor, type ChecklistReplyContext } from './replies.js';
import type { ChecklistDefinition, ChecklistStep } from './schema.js';
import type { RunRecord } from './run.js';

const JUDGEMENT = 'These are prompts for your professional judgement, not decisions.';

/** The end-of-run card: answers, recommended actions with who to contact, timestamps and a copyable record. */
export function summaryReply(
  ctx: ChecklistReplyContext,
  def: ChecklistDefinition,
  run: RunRecord,
  warnings: ReplyWarning[] = [],
): Reply {
  const name = (k: string) => ctx.contact(k).name;
  const outcomes = recommendedOutcomes(def, run.answers);
  const actions = outcomes.map((o) => fillContacts(o.action, name));
  const contactKeys = [...new Set(outcomes.flatMap((o) => [...contactRefs(o.action), ...o.contacts]))];
  const contacts = contactKeys.map((k) => ctx.contact(k));
  const guidance = [...new Set(outcomes.flatMap((o) => o.guidance))];
  const answers = run.path
    .filter((id) => Object.hasOwn(run.answers, id))
    .map((id) => {
      const s = findStep(def, id) as ChecklistStep;
      return `${fillContacts(s.question, name)} ${answerText(ctx, s, run.answers[id])}`;
    });
  const started = ctx.time(run.startedAt);
  const finished = ctx.time(run.finishedAt ?? run.updatedAt);
  const documents = def.sources.map((s) =>
    s.section ? `${ctx.document(s.doc)}, ${s.section}` : ctx.document(s.doc),
  );

  const record = [
    `${def.title}: summary (Safeguarding Guide)`,
    `Started ${started}; finished ${finished}.`,
    '',
    'Answers:',
    ...answers.map((a) => `- ${a}`),
    '',
    'Recommended actions:',
    ...actions.map((a, i) => `${i + 1}. ${a}`),
    ...(contacts.length > 0 ? ['', 'Who to contact:', ...contacts.map((c) => `- ${contactLine(c)}`)] : []),
    '',
    `Based on: ${documents.join('; ')}.`,
    JUDGEMENT,
  ];

  const reply = newReply('checklist-summary', `${def.title}: summary`);
  reply.summary = `Finished. ${JUDGEMENT} Copy the record below into your own case record.`;
  reply.warnings = [
    ...warnings,
    {
      level: 'info',
      title: 'This is not a case record',
      text: 'Copy the summary into your organisation’s own record. It is deleted from here 30 days after your last change.',
    },
  ];
  // The actions appear once to read and once in the record to copy; not also as the reply's steps.
  reply.contacts = contacts;
  reply.sections = [
    { heading: 'Your answers', style: 'bullets', lines: answers },
    { heading: 'Recommended actions', style: 'ordered', lines: actions },
    { heading: 'Timestamps', style: 'bullets', lines: [`Started: ${started}`, `Finished: ${finished}`] },
    { heading: 'For your case record (copy this)', style: 'text', lines: record },
  ];
  reply.sources = sourcesFor(ctx, guidance);
  for (const id of new Set(outcomes.flatMap((o) => o.checklist ?? []))) {
    reply.actions.push({
      kind: 'command',
      label: `Start: ${ctx.checklistTitle(id)}`,
      value: `checklist ${id}`,
    });
  }
  reply.actions.push({ kind: 'command', label: 'My checklists', value: 'my checklists' });
  reply.meta.answered = true;
  reply.meta.itemIds = guidance;
  return reply;
}
