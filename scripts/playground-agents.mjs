/**
 * `npm run playground:agents`: builds and starts the bot in local mode, then Microsoft 365 Agents
 * Playground (the pinned dev dependency) pointed at its /api/messages, as the Teams channel. Either
 * one stopping stops the other; Ctrl+C stops both.
 *
 * PORT is the bot's port (default 3978); TEAMSAPPTESTER_PORT the playground's (default 56150, as the
 * Agents Toolkit uses). TEAMSAPPTESTER_BROWSER=none keeps the playground from opening a browser.
 * INSPECT_PORT opens the bot's Node inspector there (the VS Code task attaches on 9239).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LISTENING = /http:\/\/127\.0\.0\.1:\d+/;
const children = new Set();

function start(command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.stdout.pipe(process.stdout);
  child.once('exit', (code, signal) => {
    children.delete(child);
    stopAll(code ?? (signal ? 1 : 0));
  });
  return child;
}

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const exit = () => process.exit(code);
  if (children.size === 0) exit();
  else for (const child of children) child.once('exit', () => children.size === 0 && exit());
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

const build = spawn(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
const built = await new Promise((resolve) => build.once('exit', (code) => resolve(code === 0)));
if (!built) process.exit(1);

// Local mode (no MicrosoftAppId): loopback only, no Bot Framework authentication, as the playground needs.
const inspect = process.env.INSPECT_PORT ? [`--inspect=127.0.0.1:${process.env.INSPECT_PORT}`] : [];
const bot = start(
  process.execPath,
  [...inspect, '--disable-warning=DEP0111', join(root, 'build/server.js')],
  {
    PORT: process.env.PORT ?? '3978',
    HOST: '127.0.0.1',
    MicrosoftAppId: '',
  },
);
const botUrl = await new Promise((resolve) => {
  let seen = '';
  const onData = (chunk) => {
    seen += chunk.toString('utf8');
    const match = LISTENING.exec(seen);
    if (match) {
      bot.stdout.off('data', onData);
      resolve(match[0]);
    }
  };
  bot.stdout.on('data', onData);
});

const playground = join(root, 'node_modules/.bin/agentsplayground');
start(
  playground,
  [
    '--app-endpoint',
    `${botUrl}/api/messages`,
    '--channel-id',
    'msteams',
    '--port',
    process.env.TEAMSAPPTESTER_PORT ?? '56150',
    '--disable-telemetry',
  ],
  {},
);
process.stderr.write(
  `\n  Safeguarding Guide at ${botUrl}; Microsoft 365 Agents Playground is starting (Ctrl+C stops both)\n\n`,
);
