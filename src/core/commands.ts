/** Chat commands, parsed once here for every channel. Anything that is not a command is a question. */
export type Command =
  | { type: 'help' }
  | { type: 'checklist-list' }
  | { type: 'checklist-start'; checklistId: string }
  | { type: 'my-checklists' }
  | { type: 'digest'; args: string[] }
  | { type: 'report' }
  | { type: 'content-reload' }
  | { type: 'question'; text: string };

const PATTERNS: { re: RegExp; build: (m: RegExpExecArray) => Command }[] = [
  {
    re: /^\/?(help|\?|menu|commands|what can you do|what can you help with)$/,
    build: () => ({ type: 'help' }),
  },
  { re: /^(show |list |open )?(my|open) checklists?$/, build: () => ({ type: 'my-checklists' }) },
  { re: /^(show |list )?(the )?checklists$/, build: () => ({ type: 'checklist-list' }) },
  { re: /^checklist$/, build: () => ({ type: 'checklist-list' }) },
  { re: /^checklist ([a-z0-9-]+)$/, build: (m) => ({ type: 'checklist-start', checklistId: m[1] ?? '' }) },
  {
    re: /^(?:please )?(?:start|begin|open|run|do|launch)(?: a| the| my)? ([a-z0-9-]+) checklist$/,
    build: (m) => ({ type: 'checklist-start', checklistId: m[1] ?? '' }),
  },
  {
    re: /^digest(?:\s+(.*))?$/,
    build: (m) => ({ type: 'digest', args: (m[1] ?? '').split(/\s+/).filter(Boolean) }),
  },
  {
    re: /^(?:please )?subscribe (?:this|the|our) channel to (?:the )?(?:weekly )?digests?$/,
    build: () => ({ type: 'digest', args: ['subscribe'] }),
  },
  {
    re: /^(?:please )?unsubscribe (?:this|the|our) channel from (?:the )?(?:weekly )?digests?$/,
    build: () => ({ type: 'digest', args: ['unsubscribe'] }),
  },
  { re: /^(show )?(the )?(partnership )?report$/, build: () => ({ type: 'report' }) },
  {
    re: /^(?:please )?(?:content reload|reload (?:the )?(?:content|guidance|pack|content pack))$/,
    build: () => ({ type: 'content-reload' }),
  },
];

export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  const lowered = text.toLowerCase().replace(/[.!]+$/, '');
  for (const { re, build } of PATTERNS) {
    const m = re.exec(lowered);
    if (m) return build(m);
  }
  return { type: 'question', text };
}
