import type { ReplyContact } from '../reply.js';
import type { ContactDefinition } from './schema.js';

export const CONTACT_REF = /\{\{contact:([a-z0-9_]+)\}\}/g;

export const UNSET_CONTACT_SIGNPOST =
  'Ask your designated safeguarding lead (DSL) for the local contact details; they are not set up in this service yet.';

export type ContactBook = ReadonlyMap<string, ContactDefinition>;

/** A contact as the reply shows it. Unset local details become a signpost, never an invented number. */
export function resolveContact(book: ContactBook, key: string): ReplyContact {
  const c = book.get(key);
  if (!c) return { name: key, signpost: true, detail: UNSET_CONTACT_SIGNPOST };
  const phone = c.phone ?? undefined;
  const url = c.url ?? undefined;
  if (phone || url) {
    return { name: c.name, detail: [phone, c.signpost].filter(Boolean).join('. ') || undefined, url, signpost: false };
  }
  return { name: c.name, detail: c.signpost ?? UNSET_CONTACT_SIGNPOST, signpost: true };
}

/** Inline text form, used inside steps: "Police (emergency) on 999". */
export function contactInline(book: ContactBook, key: string): string {
  const c = resolveContact(book, key);
  if (c.signpost) {
    return key === 'dsl' ? c.name : `${c.name} (ask your designated safeguarding lead for the local contact details)`;
  }
  const how = [c.detail, c.url].filter(Boolean).join(', ');
  return how ? `${c.name} on ${how}` : c.name;
}

export function expandContactRefs(book: ContactBook, text: string): string {
  return text.replace(CONTACT_REF, (_m, key: string) => contactInline(book, key));
}

export function contactRefsIn(text: string): string[] {
  return [...text.matchAll(CONTACT_REF)].map((m) => m[1] as string);
}
