import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { CodedError } from '../errors.js';
import { contactRefsIn } from './contacts.js';
import { parseBody, splitFrontMatter } from './markdown.js';
import { withAgeBands } from './age-bands.js';
import { guidanceFrontMatterSchema, packSchema, type PackDefinition } from './schema.js';
import { parseYaml } from './yaml-snapshot.js';
import type { ContentIssue, ContentPack, GuidanceItem } from './types.js';
import { SynonymTable } from '../search/synonyms.js';
import { parse } from '../understanding/nlp.js';
import { Scope } from '../understanding/scope.js';
import { checkedBefore } from './derived-snapshot.js';

const KNOWN_SECTIONS = new Map([
  ['do now', 'steps'],
  ['who to contact', 'contacts'],
  ['why', 'why'],
]);

export interface ReadResult {
  pack?: ContentPack;
  issues: ContentIssue[];
}

/** Reads and validates the pack, collecting every problem (file + field) instead of stopping at the first. */
export async function readContentPack(dir: string, options: { today?: string } = {}): Promise<ReadResult> {
  const issues: ContentIssue[] = [];
  const rel = (file: string) => relative(process.cwd(), file) || file;
  const error = (file: string, field: string, message: string) =>
    issues.push({ file: rel(file), field, message, severity: 'error' });
  const warn = (file: string, field: string, message: string) =>
    issues.push({ file: rel(file), field, message, severity: 'warning' });

  const read = await readPackSettings(dir, error);
  if (!read) return { issues };
  const { settings, sharedDir } = read;
  const contacts = new Map(Object.entries(settings.contacts));
  const documents = new Map(Object.entries(settings.documents));

  const guidanceDir = join(dir, 'guidance');
  const { files, notIncluded } = await guidanceFiles(dir, settings, sharedDir, error);
  const items: GuidanceItem[] = [];
  const seen = new Map<string, string>();
  for (const [name, file] of files) {
    const item = parseItem(file, await readFile(file, 'utf8'), error);
    if (!item) continue;
    if (name !== `${item.id}.md`) error(file, 'id', `"${item.id}" must match the file name (${name})`);
    const previous = seen.get(item.id);
    if (previous) error(file, 'id', `duplicate id "${item.id}" (also in ${rel(previous)})`);
    seen.set(item.id, file);
    for (const [i, s] of item.sources.entries()) {
      if (!documents.has(s.doc)) error(file, `sources[${i}].doc`, `unknown document "${s.doc}" (add it to pack.yaml documents)`);
    }
    for (const line of [...item.steps, ...item.contactLines, item.why, item.summary, ...item.sections.flatMap((s) => s.lines)]) {
      for (const key of contactRefsIn(line)) {
        if (!contacts.has(key)) error(file, 'body', `unknown contact "{{contact:${key}}}" (add it to pack.yaml contacts)`);
      }
    }
    if (item.reviewBy <= item.reviewed) error(file, 'review_by', `must be after reviewed (${item.reviewed})`);
    if (options.today && item.reviewBy < options.today) warn(file, 'review_by', `review was due on ${item.reviewBy}`);
    if (!item.why) error(file, '## Why', 'every item explains why in a "## Why" section');
    items.push(item);
  }
  for (const item of items) {
    // A shared item's link to a shared item this pack does not include is left out, not an error.
    item.related = item.related.filter((r) => seen.has(r) || !notIncluded.has(r));
    for (const r of item.related) {
      if (!seen.has(r)) error(seen.get(item.id) ?? item.file, 'related', `links to "${r}", which does not exist`);
      if (r === item.id) error(seen.get(item.id) ?? item.file, 'related', 'links to itself');
    }
  }
  // A shared general item this pack does not include: the pack has no general route (its own may name one).
  if (settings.general_item && notIncluded.has(settings.general_item)) settings.general_item = undefined;
  if (settings.general_item && !seen.has(settings.general_item))
    error(join(dir, 'pack.yaml'), 'general_item', `names "${settings.general_item}", which is not a guidance item`);
  if (settings.scope) checkScope(settings, items, guidanceDir, error);
  if (issues.some((i) => i.severity === 'error')) return { issues };

  const resolved = items.map((item) => ({
    ...item,
    sources: item.sources.map((s) => {
      const d = documents.get(s.doc)!;
      return { ...s, title: d.title, publisher: d.publisher, url: d.url };
    }),
  }));
  return {
    issues,
    pack: {
      dir,
      settings,
      contacts,
      documents,
      items: resolved,
      byId: new Map(resolved.map((i) => [i.id, i])),
      folders: { checklists: ownOrShared(dir, sharedDir, 'checklists'), audits: ownOrShared(dir, sharedDir, 'audits') },
    },
  };
}

/** Every practitioner phrasing an item lists must itself count as a safeguarding question, or it could never be answered. */
function checkScope(
  settings: PackDefinition,
  items: readonly GuidanceItem[],
  guidanceDir: string,
  error: (file: string, field: string, message: string) => void,
): void {
  // The verdict is cached for the bundled server (derived-snapshot.ts): parsing every phrasing loads the NLP model.
  const inputs = { scope: settings.scope, synonyms: settings.synonyms, questions: items.map((i) => i.questions) };
  checkedBefore('scope', inputs, () => {
    const scope = new Scope(settings.scope!, new SynonymTable(settings.synonyms));
    let passed = true;
    for (const item of items)
      item.questions.forEach((q, i) => {
        if (scope.includes(q, parse(q), true)) return;
        passed = false;
        error(
          join(guidanceDir, item.file),
          `questions[${i}]`,
          `"${q}" names nothing in pack.yaml scope (concerns or words), so it would be refused as out of scope`,
        );
      });
    return passed;
  });
}

/** Loads the pack for serving; any error stops start-up with every problem listed. */
export async function loadContentPack(dir: string): Promise<ContentPack> {
  const { pack, issues } = await readContentPack(dir);
  const errors = issues.filter((i) => i.severity === 'error');
  if (!pack || errors.length) {
    throw new CodedError('bad_input', `Content pack in ${dir} is invalid:\n${formatIssues(errors)}`);
  }
  return pack;
}

export function formatIssues(issues: ContentIssue[]): string {
  return issues.map((i) => `${i.severity === 'error' ? 'ERROR' : 'warning'} ${i.file}: ${i.field}: ${i.message}`).join('\n');
}

/** Maps merged key by key when a pack extends a shared folder (a local contact replaces the shared one). */
const MERGED_BY_KEY = ['contacts', 'documents', 'synonyms', 'lexicon', 'age_bands', 'roles'];

async function readPackSettings(
  dir: string,
  error: (file: string, field: string, message: string) => void,
): Promise<{ settings: PackDefinition; sharedDir?: string } | undefined> {
  const file = join(dir, 'pack.yaml');
  const own = await readYaml(file, error);
  if (own === undefined) return undefined;
  let raw = own;
  let sharedDir: string | undefined;
  if (isRecord(own) && typeof own.extends === 'string') {
    sharedDir = resolve(dir, own.extends);
    const sharedFile = join(sharedDir, 'pack.yaml');
    const shared = await readYaml(sharedFile, error);
    if (shared === undefined) return undefined;
    if (!isRecord(shared) || 'extends' in shared) {
      error(sharedFile, 'extends', 'a shared folder is a whole pack and cannot itself extend another');
      return undefined;
    }
    raw = layered(shared, own);
  }
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) {
    reportZod(file, parsed.error, error);
    return undefined;
  }
  const settings = { ...parsed.data, synonyms: withAgeBands(parsed.data.synonyms, parsed.data.age_bands) };
  return { settings, sharedDir };
}

async function readYaml(
  file: string,
  error: (file: string, field: string, message: string) => void,
): Promise<unknown> {
  try {
    return parseYaml(await readFile(file, 'utf8')) as unknown;
  } catch (e) {
    error(file, '(file)', `cannot be read as YAML: ${(e as Error).message}`);
    return undefined;
  }
}

/** The shared settings with the pack's own on top; the shared folder's `serves` never carries over. */
function layered(shared: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...shared, ...own };
  for (const key of MERGED_BY_KEY) {
    if (isRecord(shared[key]) && isRecord(own[key])) out[key] = { ...shared[key], ...own[key] };
  }
  if (!('serves' in own)) delete out.serves;
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The guidance files served, by file name: the shared folder's included items, then the pack's own
 * (an own item with a shared item's file name replaces it: local wording). A pack that extends a
 * shared folder may have no guidance folder of its own.
 */
async function guidanceFiles(
  dir: string,
  settings: PackDefinition,
  sharedDir: string | undefined,
  error: (file: string, field: string, message: string) => void,
): Promise<{ files: Map<string, string>; notIncluded: Set<string> }> {
  const files = new Map<string, string>();
  const notIncluded = new Set<string>();
  if (sharedDir) {
    const sharedGuidance = join(sharedDir, 'guidance');
    const names = await markdownIn(sharedGuidance, error);
    const include = settings.include?.guidance ?? 'all';
    const wanted = include === 'all' ? names : include.map((id) => `${id}.md`);
    wanted.forEach((name, i) => {
      if (names.includes(name)) files.set(name, join(sharedGuidance, name));
      else error(join(dir, 'pack.yaml'), `include.guidance[${i}]`, `"${name.slice(0, -3)}" is not in ${sharedGuidance}`);
    });
    for (const name of names) if (!files.has(name)) notIncluded.add(name.slice(0, -3));
  }
  const ownGuidance = join(dir, 'guidance');
  if (sharedDir && !existsSync(ownGuidance)) return { files, notIncluded };
  for (const name of await markdownIn(ownGuidance, error)) files.set(name, join(ownGuidance, name));
  return { files, notIncluded };
}

async function markdownIn(
  folder: string,
  error: (file: string, field: string, message: string) => void,
): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((f) => f.endsWith('.md')).sort();
  } catch {
    error(folder, '(directory)', 'is missing');
    return [];
  }
}

/** A pack's own checklists or audits folder, or the shared folder's when it has none. */
function ownOrShared(dir: string, sharedDir: string | undefined, name: string): string {
  const own = join(dir, name);
  return sharedDir && !existsSync(own) ? join(sharedDir, name) : own;
}

function parseItem(
  file: string,
  source: string,
  error: (file: string, field: string, message: string) => void,
): GuidanceItem | undefined {
  const split = splitFrontMatter(source);
  if (!split) {
    error(file, '(front matter)', 'must start with YAML front matter between --- lines');
    return undefined;
  }
  let raw: unknown;
  try {
    raw = parseYaml(split.frontMatter);
  } catch (e) {
    error(file, '(front matter)', `is not valid YAML: ${(e as Error).message}`);
    return undefined;
  }
  const parsed = guidanceFrontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    reportZod(file, parsed.error, error);
    return undefined;
  }
  const fm = parsed.data;
  const body = parseBody(split.body);
  const known = (name: string) => body.sections.find((s) => s.heading.toLowerCase() === name);
  return {
    id: fm.id,
    file: file.split('/').pop() ?? file,
    title: fm.title,
    summary: fm.summary.trim(),
    questions: fm.questions,
    tags: fm.tags,
    audience: fm.audience,
    sources: fm.sources.map((s) => ({ ...s, title: '', publisher: '' })),
    owner: fm.owner,
    reviewed: fm.reviewed,
    reviewBy: fm.review_by,
    related: fm.related,
    ...(fm.ages ? { ages: fm.ages } : {}),
    intro: body.intro,
    steps: known('do now')?.lines ?? [],
    contactLines: known('who to contact')?.lines ?? [],
    why: (known('why')?.lines ?? []).join(' '),
    sections: body.sections.filter((s) => !KNOWN_SECTIONS.has(s.heading.toLowerCase())),
  };
}

function reportZod(file: string, err: z.ZodError, error: (file: string, field: string, message: string) => void): void {
  for (const issue of err.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    error(file, field, issue.message);
  }
}
