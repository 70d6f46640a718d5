import { readChecklistsAndDigests } from '../core/content/checklists-and-digests.js';
import { readContentPack, formatIssues } from '../core/content/load.js';
import { readAllPacks } from '../core/content/packs.js';
import type { ContentIssue } from '../core/content/types.js';
import type { CliIo } from './ask.js';

/**
 * Validates the content pack, or with PACKS_DIR every partnership's pack and the packs together;
 * exit 1 on any error. `--strict` also fails on warnings (e.g. overdue reviews).
 */
export async function runContentCheck(
  where: { contentDir: string; packsDir?: string },
  args: string[],
  io: CliIo,
  today: string,
): Promise<number> {
  const { items, issues } = where.packsDir
    ? await checkPacks(where.packsDir, today)
    : await checkPack(where.contentDir, today);
  if (issues.length) io.stderr.write(formatIssues(issues) + '\n');
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const failed = errors > 0 || (args.includes('--strict') && warnings > 0);
  io.stdout.write(
    `content:check: ${items}, ${errors} error(s), ${warnings} warning(s): ${failed ? 'FAILED' : 'ok'}\n`,
  );
  return failed ? 1 : 0;
}

async function checkPack(dir: string, today: string): Promise<{ items: string; issues: ContentIssue[] }> {
  const { pack, issues } = await readContentPack(dir, { today });
  const extra = pack ? (await readChecklistsAndDigests(pack)).issues : [];
  return { items: `${pack?.items.length ?? 0} guidance items`, issues: [...issues, ...extra] };
}

async function checkPacks(
  packsDir: string,
  today: string,
): Promise<{ items: string; issues: ContentIssue[] }> {
  const { packs, issues } = await readAllPacks(packsDir, { today });
  const counts = packs.map((p) => `${p.id} ${p.pack.items.length}`).join(', ');
  return { items: `${packs.length} partnership(s) (guidance items: ${counts || 'none'})`, issues };
}
