/**
 * Slack parses `<…>` in mrkdwn (and in a message's fallback `text`) as mentions, channel
 * broadcasts (`<!channel>`) and links; `&lt;` `&gt;` `&amp;` are the only escapes it honours.
 * Every string that did not come from us is escaped here before it reaches Slack.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts escaped text to at most `max` characters, never inside an entity, adding an ellipsis.
 */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - 1));
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** Plain-text fields (header, button, option labels): escaped, trimmed to the field's limit. */
export function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  const t = truncateEscaped(escapeText(text.trim() === '' ? '-' : text), max);
  return { type: 'plain_text', text: t, emoji: true };
}

/**
 * Splits escaped mrkdwn into chunks of at most `max` characters, preferring line breaks,
 * never cutting an entity.
 */
export function chunkEscaped(escaped: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = escaped;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp !== -1 && amp > cut - 6 && !rest.slice(amp, cut).includes(';')) cut = amp;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

/**
 * JSON for button values and private_metadata: `<`, `>` and `&` become \u escapes, so the value
 * never carries markup even if Slack echoes it; JSON.parse restores them.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Only plain http(s) links without characters that would break `<url|label>` syntax. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    const s = u.toString();
    return /[<>|\s]/.test(s) ? undefined : s;
  } catch {
    return undefined;
  }
}

/** `<url|label>` with an escaped label, or just the escaped label when the url is unsafe. */
export function link(url: string | undefined, label: string): string {
  const safe = safeUrl(url);
  const text = escapeText(label);
  return safe ? `<${safe}|${text}>` : text;
}
