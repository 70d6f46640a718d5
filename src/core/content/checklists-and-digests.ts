import { join } from 'node:path';
import { loadChecklists } from '../checklists/load.js';
import type { ChecklistDefinition } from '../checklists/schema.js';
import { loadDigestPool } from '../digests/pool.js';
import type { DigestItem } from '../digests/pool.js';
import { CodedError } from '../errors.js';
import { formatIssues, loadContentPack } from './load.js';
import type { ContentIssue, ContentPack } from './types.js';

export interface ChecklistsAndDigests {
  checklists: ChecklistDefinition[];
  digestPool: DigestItem[];
  issues: ContentIssue[];
}

/** Checklists and audit-learning digests, validated against the guidance pack they refer to. */
export async function readChecklistsAndDigests(pack: ContentPack): Promise<ChecklistsAndDigests> {
  const refs = {
    guidanceIds: pack.items.map((i) => i.id),
    contactKeys: [...pack.contacts.keys()],
    documentKeys: [...pack.documents.keys()],
  };
  const folders = pack.folders ?? { checklists: join(pack.dir, 'checklists'), audits: join(pack.dir, 'audits') };
  const checklists = await loadChecklists(folders.checklists, refs);
  const digests = await loadDigestPool(folders.audits, { documentKeys: refs.documentKeys });
  const issues: ContentIssue[] = [
    ...checklists.errors.map((e) => ({ file: e.file, field: e.step ? `step "${e.step}"` : '(checklist)', message: e.message, severity: 'error' as const })),
    ...digests.errors.map((e) => ({ file: e.file, field: e.field, message: e.message, severity: 'error' as const })),
  ];
  if (checklists.defs.length === 0) issues.push({ file: folders.checklists, field: '(folder)', message: 'has no checklists', severity: 'error' });
  if (digests.items.length === 0) issues.push({ file: folders.audits, field: '(folder)', message: 'has no digest items', severity: 'error' });
  return { checklists: checklists.defs, digestPool: digests.items, issues };
}

/** Loads the pack in `contentDir` with its checklists and digests; any problem stops it, listing every one. */
export async function loadWholePack(
  contentDir: string,
): Promise<{ pack: ContentPack } & Omit<ChecklistsAndDigests, 'issues'>> {
  const pack = await loadContentPack(contentDir);
  const { issues, ...rest } = await readChecklistsAndDigests(pack);
  if (issues.length) {
    throw new CodedError('bad_input', `Content pack in ${contentDir} is invalid:\n${formatIssues(issues)}`);
  }
  return { pack, ...rest };
}
