import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseYaml } from '../content/yaml-snapshot.js';
import { z } from 'zod';
import { splitFrontMatter } from '../content/markdown.js';

/** One finding as a weekly digest item. */
export interface DigestItem {
  id: string;
  theme: string;
  tags: string[];
  title: string;
  learning: string;
  forYourPractice: string;
  thisWeek: string;
  ask: string;
  source: { doc: string; section?: string };
  /** The audit/theme file it came from (id from its front matter) and its file name. */
  collection: string;
  file: string;
}

export interface PoolError {
  file: string;
  /** Dotted path of the field, e.g. "digest_items[3].ask". */
  field: string;
  message: string;
}

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case kebab-case');
const isoDate = z.iso.date();
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `write at least ${min} characters`)
    .max(max, `keep it under ${max} characters`)
    .transform((s) => s.replace(/\s+/g, ' '));

const itemSchema = z.object({
  id: kebab,
  theme: kebab,
  tags: z.array(kebab).min(1),
  title: text(5, 90),
  learning: text(60, 480),
  for_your_practice: text(30, 400),
  this_week: text(20, 300),
  ask: text(8, 200).refine((s) => s.endsWith('?'), 'ask must be a question ending in "?"'),
  source: z.object({ doc: kebab.optional(), section: z.string().trim().min(1).optional() }).strict(),
});

const fileSchema = z
  .object({
    id: kebab,
    title: text(5, 160),
    kind: z.enum(['audit', 'guidance-themes']),
    /** Default document key for items that name only a section. */
    source: kebab.optional(),
    /** When the audit reported; null when the source does not say. */
    date: isoDate.nullable(),
    owner: z.string().trim().min(1),
    reviewed: isoDate,
    review_by: isoDate,
    digest_items: z.array(z.unknown()).min(1),
  })
  .refine((f) => f.review_by > f.reviewed, {
    path: ['review_by'],
    message: 'review_by must be after reviewed',
  });

const KIND_ORDER = { audit: 0, 'guidance-themes': 1 } as const;

function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

/**
 * Reads every `*.md` under `dir` (content/audits): front matter with `digest_items`. Validates each
 * item and names the file and field of every problem; invalid items are left out of `items`.
 * Local audits come before national themes, then file name, then file order.
 */
export async function loadDigestPool(
  dir: string,
  options: { documentKeys: Iterable<string> },
): Promise<{ items: DigestItem[]; errors: PoolError[] }> {
  const documentKeys = new Set(options.documentKeys);
  const errors: PoolError[] = [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const loaded: { kind: keyof typeof KIND_ORDER; file: string; items: DigestItem[] }[] = [];
  for (const file of files) {
    const split = splitFrontMatter(await readFile(join(dir, file), 'utf8'));
    if (!split) {
      errors.push({ file, field: '(front matter)', message: 'missing YAML front matter between --- lines' });
      continue;
    }
    let raw: unknown;
    try {
      raw = parseYaml(split.frontMatter);
    } catch (error) {
      errors.push({ file, field: '(front matter)', message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    const head = fileSchema.safeParse(raw);
    if (!head.success) {
      for (const issue of head.error.issues)
        errors.push({ file, field: fieldOf(issue.path), message: issue.message });
      continue;
    }
    const meta = head.data;
    if (`${meta.id}.md` !== file)
      errors.push({ file, field: 'id', message: `id must equal the file name (${file})` });
    if (meta.source && !documentKeys.has(meta.source)) {
      errors.push({
        file,
        field: 'source',
        message: `unknown document "${meta.source}" (not in pack.yaml documents)`,
      });
    }
    const items: DigestItem[] = [];
    meta.digest_items.forEach((rawItem, index) => {
      const at = `digest_items[${index}]`;
      const parsed = itemSchema.safeParse(rawItem);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          errors.push({ file, field: `${at}.${fieldOf(issue.path)}`, message: issue.message });
        return;
      }
      const it = parsed.data;
      const doc = it.source.doc ?? meta.source;
      if (!doc)
        return void errors.push({
          file,
          field: `${at}.source.doc`,
          message: 'name a document (or set the file `source`)',
        });
      if (!documentKeys.has(doc)) {
        return void errors.push({
          file,
          field: `${at}.source.doc`,
          message: `unknown document "${doc}" (not in pack.yaml documents)`,
        });
      }
      items.push({
        id: it.id,
        theme: it.theme,
        tags: it.tags,
        title: it.title,
        learning: it.learning,
        forYourPractice: it.for_your_practice,
        thisWeek: it.this_week,
        ask: it.ask,
        source: { doc, ...(it.source.section ? { section: it.source.section } : {}) },
        collection: meta.id,
        file,
      });
    });
    loaded.push({ kind: meta.kind, file, items });
  }
  loaded.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.file.localeCompare(b.file));
  const items: DigestItem[] = [];
  const seen = new Map<string, string>();
  for (const { file, items: fileItems } of loaded) {
    for (const item of fileItems) {
      const first = seen.get(item.id);
      if (first) {
        errors.push({
          file,
          field: `digest_items(id=${item.id}).id`,
          message: `duplicate id, first used in ${first}`,
        });
        continue;
      }
      seen.set(item.id, file);
      items.push(item);
    }
  }
  return { items, errors };
}
