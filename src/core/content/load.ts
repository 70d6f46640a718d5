import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
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

  const packFile = join(dir, 'pack.yaml');
  const settings = await readPackSettings(packFile, error);
  if (!settings) return { issues };
  const contacts = new Map(Object.entries(settings.contacts));
  const documents = new Map(Object.entries(settings.documents));

  const guidanceDir = join(dir, 'guidance');
  let files: string[] = [];
  try {
    files = (await readdir(guidanceDir)).filter((f) => f.endsWith('.md')).sort();
  } catch {
    error(guidanceDir, '(directory)', 'is missing');
  }
  const items: GuidanceItem[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = join(guidanceDir, name);
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
    for (const r of item.related) {
      if (!seen.has(r)) error(join(guidanceDir, item.file), 'related', `links to "${r}", which does not exist`);
      if (r === item.id) error(join(guidanceDir, item.file), 'related', 'links to itself');
    }
  }
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
    pack: { dir, settings, contacts, documents, items: resolved, byId: new Map(resolved.map((i) => [i.id, i])) },
  };
}

/** Every practitioner phrasing an item lists must itself count as a safeguarding question, or it could never be answered. */
function checkScope(
  settings: PackDefinition,
  items: readonly GuidanceItem[],
  guidanceDir: string,
  error: (file: string, field: string, message: string) => void,
): void {
  const scope = new Scope(settings.scope!, new SynonymTable(settings.synonyms));
  for (const item of items)
    item.questions.forEach((q, i) => {
      if (!scope.includes(q, parse(q), true))
        error(
          join(guidanceDir, item.file),
          `questions[${i}]`,
          `"${q}" names nothing in pack.yaml scope.words, so it would be refused as out of scope`,
        );
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

async function readPackSettings(
  file: string,
  error: (file: string, field: string, message: string) => void,
): Promise<PackDefinition | undefined> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (e) {
    error(file, '(file)', `cannot be read as YAML: ${(e as Error).message}`);
    return undefined;
  }
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) {
    reportZod(file, parsed.error, error);
    return undefined;
  }
  return { ...parsed.data, synonyms: withAgeBands(parsed.data.synonyms, parsed.data.age_bands) };
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
