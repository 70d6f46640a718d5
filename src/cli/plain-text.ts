import type { Reply, ReplyContact, ReplySection, ReplySource } from '../core/reply.js';

/** The complete reply as plain text: what the CLI prints and what `ask --jsonl` returns as `text`. */
export function renderPlainText(reply: Reply): string {
  const out: string[] = [];
  for (const w of reply.warnings) out.push(`${w.level === 'emergency' ? '!!' : '!'} ${w.title}. ${w.text}`);
  out.push(reply.title);
  if (reply.summary) out.push(reply.summary);
  if (reply.form) {
    if (reply.form.progress) out.push(reply.form.progress);
    for (const f of reply.form.fields) {
      const options = f.options?.map((o) => o.label).join(' / ');
      out.push([f.label, options ? `(${options})` : '', f.help ?? ''].filter(Boolean).join(' '));
      if (f.error) out.push(`! ${f.error}`);
    }
  }
  if (reply.steps.length)
    out.push(['What to do now:', ...reply.steps.map((s, i) => `${i + 1}. ${s}`)].join('\n'));
  if (reply.contacts.length)
    out.push(['Who to contact:', ...reply.contacts.map((c) => `- ${contactText(c)}`)].join('\n'));
  if (reply.why) out.push(`Why: ${reply.why}`);
  for (const s of reply.sections) out.push(sectionText(s));
  if (reply.sources.length)
    out.push(['Source:', ...dedupeSources(reply.sources).map((s) => `- ${sourceText(s)}`)].join('\n'));
  if (reply.followUps.length)
    out.push(['You could also ask:', ...reply.followUps.map((q) => `- ${q}`)].join('\n'));
  return out.filter((p) => p.trim().length > 0).join('\n\n');
}

export function contactText(c: ReplyContact): string {
  const detail = [c.detail, c.url].filter(Boolean).join(', ');
  return detail ? `${c.name}: ${detail}` : c.name;
}

export function sourceText(s: ReplySource): string {
  return [`${s.title}: ${s.document}`, s.section ? `section: ${s.section}` : '', s.url ?? '']
    .filter(Boolean)
    .join(', ');
}

export function sectionText(s: ReplySection): string {
  const lines = s.lines.map((l, i) =>
    s.style === 'ordered' ? `${i + 1}. ${l}` : s.style === 'bullets' ? `- ${l}` : l,
  );
  return [`${s.heading}:`, ...lines].join('\n');
}

function dedupeSources(sources: ReplySource[]): ReplySource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.id}|${s.document}|${s.section ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
