import { createInterface } from 'node:readline';
import type { Guide } from '../core/guide.js';
import { renderPlainText } from './plain-text.js';
import type { Reply } from '../core/reply.js';
import { TerminalChat, type TerminalTurn } from './terminal-chat.js';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
}

/** One line of `ask --jsonl` output: what a batch of questions is checked against. */
export function jsonlLine(q: string, reply: Reply): string {
  return JSON.stringify({
    q,
    text: renderPlainText(reply),
    answered: reply.meta.answered,
    escalation: reply.meta.escalation,
    pii: reply.meta.pii,
    sources: uniqueSources(reply),
  });
}

function uniqueSources(reply: Reply): { id: string; title: string }[] {
  if (!reply.meta.answered) return [];
  const seen = new Map<string, string>();
  for (const s of reply.sources) if (!seen.has(s.id)) seen.set(s.id, s.title);
  return [...seen].map(([id, title]) => ({ id, title }));
}

/** One JSON object per input line in, exactly one JSON line per input line out, same order. */
export async function runJsonl(guide: Guide, io: CliIo): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let q = '';
    try {
      const parsed: unknown = JSON.parse(line);
      const value = parsed && typeof parsed === 'object' ? (parsed as { q?: unknown }).q : undefined;
      q = typeof value === 'string' ? value : '';
    } catch {
      q = '';
    }
    io.stdout.write(jsonlLine(q, guide.ask(q)) + '\n');
  }
  return 0;
}

export async function runInteractive(guide: Guide, io: CliIo): Promise<number> {
  const rl = createInterface({
    input: io.stdin,
    output: io.isTTY ? io.stdout : undefined,
    terminal: io.isTTY,
  });
  io.stdout.write('Safeguarding Guide: type a question, "help" or "checklist referral"; Ctrl+D to quit.\n');
  if (io.isTTY) rl.setPrompt('> ');
  rl.prompt();
  const chat = new TerminalChat(guide, true);
  for await (const line of rl) {
    // A blank line only means something as a skipped optional checklist answer.
    if (line.trim() || chat.prompt()) io.stdout.write(shown(chat, await chat.say(line)) + '\n\n');
    rl.prompt();
  }
  return 0;
}

function shown(chat: TerminalChat, turn: TerminalTurn): string {
  if ('notice' in turn) return turn.notice;
  return [renderPlainText(turn.reply), chat.prompt()].filter(Boolean).join('\n\n');
}

export async function runAsk(guide: Guide, args: string[], io: CliIo): Promise<number> {
  if (args.includes('--jsonl')) return runJsonl(guide, io);
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  if (question.trim()) {
    const chat = new TerminalChat(guide, false);
    io.stdout.write(shown(chat, await chat.say(question)) + '\n');
    return 0;
  }
  return runInteractive(guide, io);
}
