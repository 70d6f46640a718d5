import { createInterface } from 'node:readline';
import type { Guide } from '../core/guide.js';
import { renderPlainText } from '../core/render/plain-text.js';
import type { Reply } from '../core/reply.js';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
}

/** The `ask --jsonl` contract line (design.md). */
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
  io.stdout.write('Safeguarding Guide: type a question (or "help"); Ctrl+D to quit.\n');
  if (io.isTTY) rl.setPrompt('> ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) io.stdout.write(renderPlainText(guide.ask(line)) + '\n\n');
    rl.prompt();
  }
  return 0;
}

export async function runAsk(guide: Guide, args: string[], io: CliIo): Promise<number> {
  if (args.includes('--jsonl')) return runJsonl(guide, io);
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  if (question.trim()) {
    io.stdout.write(renderPlainText(guide.ask(question)) + '\n');
    return 0;
  }
  return runInteractive(guide, io);
}
