import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ReplyContact, ReplySource } from '../../../src/core/reply.js';
import type { ChecklistDefinition } from '../../../src/core/checklists/schema.js';

export const CONTENT = path.resolve(import.meta.dirname, '../../../content');
export const CHECKLIST_DIR = path.join(CONTENT, 'checklists');

interface Pack {
  contacts: Record<string, { name: string; phone?: string | null; url?: string | null; signpost?: string }>;
  documents: Record<string, { title: string }>;
}

export const pack = parse(readFileSync(path.join(CONTENT, 'pack.yaml'), 'utf8')) as Pack;

export const guidanceIds = readdirSync(path.join(CONTENT, 'guidance'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''));

export const refs = {
  guidanceIds,
  contactKeys: Object.keys(pack.contacts),
  documentKeys: Object.keys(pack.documents),
};

/** The same mapping the lead's contact resolver applies: unset details become a signpost, never a made-up number. */
export function contactFromPack(key: string): ReplyContact {
  const c = pack.contacts[key];
  if (!c) throw new Error(`unknown contact ${key}`);
  const detail = c.phone ?? c.url ?? c.signpost ?? undefined;
  return { name: c.name, ...(detail ? { detail } : {}), signpost: !c.phone && !c.url };
}

export function guidanceFromFiles(id: string): ReplySource | undefined {
  return guidanceIds.includes(id) ? { id, title: id, document: 'content pack' } : undefined;
}

export function documentTitle(key: string): string | undefined {
  return pack.documents[key]?.title;
}

export function defById(defs: readonly ChecklistDefinition[], id: string): ChecklistDefinition {
  const def = defs.find((d) => d.id === id);
  if (!def) throw new Error(`no checklist ${id}`);
  return def;
}
