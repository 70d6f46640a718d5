import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CodedError } from '../errors.js';
import { readChecklistsAndDigests } from './checklists-and-digests.js';
import { formatIssues, readContentPack } from './load.js';
import type { ContentIssue, ContentPack } from './types.js';

/**
 * PACKS_DIR: one folder per partnership, each a `content/`-shaped pack whose `pack.yaml` lists the
 * organisations it serves (`serves`). The folder name is the partnership's id, which namespaces
 * everything it stores.
 */
export interface PartnershipFolder {
  id: string;
  dir: string;
}

const PARTNERSHIP_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The partnership folders under `packsDir` (each sub-folder with a pack.yaml), by name. */
export async function partnershipFolders(
  packsDir: string,
): Promise<{ folders: PartnershipFolder[]; issues: ContentIssue[] }> {
  const issues: ContentIssue[] = [];
  const problem = (file: string, message: string) =>
    issues.push({ file: relative(process.cwd(), file) || file, field: '(folder)', message, severity: 'error' });
  let names: string[] = [];
  try {
    const entries = await readdir(packsDir, { withFileTypes: true });
    names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    problem(packsDir, 'is missing or unreadable (PACKS_DIR names a folder holding one folder per partnership)');
  }
  const folders: PartnershipFolder[] = [];
  for (const name of names) {
    const dir = join(packsDir, name);
    if (!existsSync(join(dir, 'pack.yaml'))) continue; // a shared folder of national guidance, say
    if (!PARTNERSHIP_ID.test(name)) problem(dir, `"${name}" must be kebab-case (a-z, 0-9, -): it is the partnership's id`);
    else folders.push({ id: name, dir });
  }
  if (!issues.length && !folders.length) problem(packsDir, 'holds no partnership folder (a folder with a pack.yaml)');
  return { folders, issues };
}

/**
 * Problems between partnerships: one that serves no organisation, and a tenant or Slack team that
 * two claim (a turn must have exactly one partnership's answers).
 */
export function crossPackIssues(packs: readonly { id: string; pack: ContentPack }[]): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const claimed = new Map<string, string>();
  for (const { id, pack } of packs) {
    const file = relative(process.cwd(), join(pack.dir, 'pack.yaml'));
    const serves = pack.settings.serves;
    if (!serves || serves.tenants.length + serves.slack_teams.length === 0) {
      issues.push({
        file,
        field: 'serves',
        message: 'lists no tenants or slack_teams: in a packs folder a partnership must name the organisations it serves',
        severity: 'error',
      });
      continue;
    }
    for (const [field, ids] of [['tenants', serves.tenants], ['slack_teams', serves.slack_teams]] as const) {
      for (const org of ids) {
        const other = claimed.get(org);
        if (other && other !== id)
          issues.push({ file, field: `serves.${field}`, message: `"${org}" is also served by "${other}"`, severity: 'error' });
        claimed.set(org, id);
      }
    }
  }
  return issues;
}

/** Every pack under `packsDir` checked as `npm run content:check` checks one, and the packs together. */
export async function readAllPacks(
  packsDir: string,
  options: { today?: string } = {},
): Promise<{ packs: { id: string; pack: ContentPack }[]; issues: ContentIssue[] }> {
  const { folders, issues } = await partnershipFolders(packsDir);
  const packs: { id: string; pack: ContentPack }[] = [];
  for (const folder of folders) {
    const read = await readContentPack(folder.dir, options);
    issues.push(...read.issues);
    if (!read.pack) continue;
    issues.push(...(await readChecklistsAndDigests(read.pack)).issues);
    packs.push({ id: folder.id, pack: read.pack });
  }
  issues.push(...crossPackIssues(packs));
  return { packs, issues };
}

/** Stops start-up (or a reload) when the packs, taken together, have a problem. */
export function assertPacksFit(packs: readonly { id: string; pack: ContentPack }[]): void {
  const issues = crossPackIssues(packs);
  if (issues.length) throw new CodedError('bad_input', `Partnership packs do not fit together:\n${formatIssues(issues)}`);
}
