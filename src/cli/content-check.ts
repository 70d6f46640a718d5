import { readChecklistsAndDigests } from '../core/content/checklists-and-digests.js';
import { readContentPack, formatIssues } from '../core/content/load.js';
import type { CliIo } from './ask.js';

/** Validates the content pack; exit 1 on any error. `--strict` also fails on warnings (e.g. overdue reviews). */
export async function runContentCheck(
  contentDir: string,
  args: string[],
  io: CliIo,
  today: string,
): Promise<number> {
  const { pack, issues } = await readContentPack(contentDir, { today });
  const extra = pack ? (await readChecklistsAndDigests(pack)).issues : [];
  const all = [...issues, ...extra];
  if (all.length) io.stderr.write(formatIssues(all) + '\n');
  const errors = all.filter((i) => i.severity === 'error').length;
  const warnings = all.length - errors;
  const failed = errors > 0 || (args.includes('--strict') && warnings > 0);
  io.stdout.write(
    `content:check: ${pack?.items.length ?? 0} guidance items, ${errors} error(s), ${warnings} warning(s): ${failed ? 'FAILED' : 'ok'}\n`,
  );
  return failed ? 1 : 0;
}
