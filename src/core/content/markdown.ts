/** Minimal Markdown reading for guidance bodies: `## Heading` sections holding lists or paragraphs. */
export interface BodySection {
  heading: string;
  style: 'ordered' | 'bullets' | 'text';
  lines: string[];
}

const ORDERED = /^\s*\d+[.)]\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;

/** Splits front matter (between leading `---` lines) from the body. */
export function splitFrontMatter(source: string): { frontMatter: string; body: string } | undefined {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) return undefined;
  const end = text.indexOf('\n---', 4);
  if (end < 0) return undefined;
  const after = text.indexOf('\n', end + 4);
  return { frontMatter: text.slice(4, end), body: after < 0 ? '' : text.slice(after + 1) };
}

export function parseBody(body: string): { intro: string; sections: BodySection[] } {
  const sections: BodySection[] = [];
  const introLines: string[] = [];
  let current: { heading: string; raw: string[] } | undefined;
  const flush = () => {
    if (current) sections.push(toSection(current.heading, current.raw));
  };
  for (const line of body.split('\n')) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) {
      flush();
      current = { heading: heading[1].trim(), raw: [] };
    } else if (current) current.raw.push(line);
    else introLines.push(line);
  }
  flush();
  return { intro: stripInlineMarkdown(paragraphs(introLines).join('\n\n')), sections };
}

function toSection(heading: string, raw: string[]): BodySection {
  const items: string[] = [];
  let style: BodySection['style'] | undefined;
  let textBuffer: string[] = [];
  const pushText = () => {
    if (textBuffer.length) items.push(...paragraphs(textBuffer));
    textBuffer = [];
  };
  for (const line of raw) {
    const ordered = ORDERED.exec(line);
    const bullet = ordered ? undefined : BULLET.exec(line);
    const match = ordered ?? bullet;
    if (match?.[1] !== undefined) {
      pushText();
      style ??= ordered ? 'ordered' : 'bullets';
      items.push(match[1].trim());
    } else if (line.trim() === '') {
      pushText();
    } else if (/^\s{2,}\S/.test(line) && items.length > 0 && textBuffer.length === 0 && style) {
      items[items.length - 1] += ' ' + line.trim(); // continuation of a list item
    } else {
      textBuffer.push(line);
    }
  }
  pushText();
  return { heading, style: style ?? 'text', lines: items.filter((l) => l.length > 0).map(stripInlineMarkdown) };
}

/** Inline emphasis markers are for people editing the file; replies render plain text and cards escape Markdown. */
export function stripInlineMarkdown(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/__(.+?)__/g, '$1').replace(/`([^`]+)`/g, '$1');
}

function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  let buffer: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (buffer.length) out.push(buffer.join(' '));
      buffer = [];
    } else buffer.push(line.trim());
  }
  if (buffer.length) out.push(buffer.join(' '));
  return out;
}
