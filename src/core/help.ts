import type { ContentPack } from './content/types.js';
import { emptyReply, type Reply } from './reply.js';

const PRIVACY =
  'Please do not type names, dates of birth, addresses, NHS numbers or other identifying details. I do not store or log what you type; keep case details in your own case record.';

const COMMANDS = [
  'Ask any question, e.g. "A 7 year old keeps touching other children at playtime, what do I do?"',
  '"checklist": list the recognition and referral checklists ("checklist referral" starts one)',
  '"my checklists": resume or cancel a checklist you started',
  '"digest subscribe [day] [HH:MM]", "digest status", "digest preview", "digest unsubscribe": weekly audit learning in a channel (partnership admins)',
  '"help": this message',
];

export function helpReply(pack: ContentPack, replyId: string): Reply {
  const reply = emptyReply('help', 'What Safeguarding Guide can do', replyId);
  reply.summary = `I give ${pack.settings.partnership.short_name} practitioners quick, sourced guidance when you are worried about a child, mainly about harmful sexual behaviour: the steps to take now, who to contact and where the guidance comes from. I support your judgement and your designated safeguarding lead; I don't replace them.`;
  reply.warnings = [
    {
      level: 'info',
      title: 'If a child is in immediate danger, call 999',
      text: 'Then tell your designated safeguarding lead (DSL).',
    },
  ];
  reply.sections = [
    { heading: 'How to use me', style: 'bullets', lines: COMMANDS },
    { heading: 'Privacy', style: 'text', lines: [PRIVACY] },
  ];
  reply.actions = [
    { kind: 'command', label: 'Start the referral checklist', value: 'checklist referral' },
    { kind: 'command', label: 'Start the recognition checklist', value: 'checklist recognition' },
    { kind: 'ask', label: 'What is harmful sexual behaviour?', value: 'What is harmful sexual behaviour?' },
  ];
  return reply;
}

export function welcomeReply(pack: ContentPack, replyId: string): Reply {
  const reply = helpReply(pack, replyId);
  reply.kind = 'welcome';
  reply.title = `Welcome to Safeguarding Guide for ${pack.settings.partnership.name}`;
  return reply;
}
