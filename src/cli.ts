import { loadConfig } from './config.js';
import { composeGuide, openStoreFor } from './compose.js';
import { runAsk, type CliIo } from './cli/ask.js';
import { runContentCheck } from './cli/content-check.js';
import { asCodedError } from './core/errors.js';

const USAGE = `usage: tsx src/cli.ts <command>
  ask ["question"] [--jsonl]   answer one question, a JSONL batch on stdin, or an interactive prompt
  content-check [--strict]     validate the content pack
  digest preview|send|status   weekly digests
  report [--json]              the partnership report for admins`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stdin.isTTY),
  };
  const config = loadConfig();
  switch (command) {
    case 'ask': {
      // Questions asked from the terminal are not stored anywhere: an in-memory store is enough.
      const guide = await composeGuide(config, { store: await openStoreFor(config, 'memory') });
      return runAsk(guide, args, io);
    }
    case 'content-check':
      return runContentCheck(config, args, io, new Date().toISOString().slice(0, 10));
    case 'digest': {
      const { run } = await import('./cli/digest.js');
      return run(args, {
        out: (line) => io.stdout.write(line + '\n'),
        err: (line) => io.stderr.write(line + '\n'),
      });
    }
    case 'report': {
      const { run } = await import('./cli/report.js');
      return run(args, {
        out: (line) => io.stdout.write(line + '\n'),
        err: (line) => io.stderr.write(line + '\n'),
      });
    }
    default:
      io.stderr.write(USAGE + '\n');
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const e = asCodedError(error);
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 1;
  },
);
