import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isYamlParseError, parseYaml } from '../content/yaml-snapshot.js';
import { issue, type ChecklistIssue } from './issues.js';
import { parseChecklist, type ChecklistDefinition } from './schema.js';
import { validateChecklists, type ChecklistRefs } from './validate.js';

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Reads every `*.yaml` / `*.yml` in `dir` (sorted by name), parses and validates them.
 * `defs` holds every file that parsed; any error means the pack should not be served.
 * Pass `refs` to also check guidance, contact and document references.
 */
export async function loadChecklists(
  dir: string,
  refs: ChecklistRefs = {},
): Promise<{ defs: ChecklistDefinition[]; errors: ChecklistIssue[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return {
      defs: [],
      errors: [issue(displayPath(dir), undefined, `cannot read the checklists folder (${code})`)],
    };
  }
  const defs: ChecklistDefinition[] = [];
  const errors: ChecklistIssue[] = [];
  for (const name of names) {
    const file = displayPath(path.join(dir, name));
    let raw: unknown;
    try {
      raw = parseYaml(await readFile(path.join(dir, name), 'utf8'));
    } catch (error) {
      const message = isYamlParseError(error) ? error.message.split('\n')[0] : String(error);
      errors.push(issue(file, undefined, `not valid YAML: ${message}`));
      continue;
    }
    const parsed = parseChecklist(raw, file);
    if (parsed.ok) defs.push(parsed.def);
    else errors.push(...parsed.errors);
  }
  errors.push(...validateChecklists(defs, refs));
  return { defs, errors };
}
