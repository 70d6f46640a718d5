import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const REPO = new URL('../../', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Sends SIGTERM (SIGKILL after `graceMs`) and waits for the exit. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  /** Script relative to `cwd` (or absolute), run with `node --import tsx` (default src/server.ts). */
  script?: string;
  /** Node options before the script; default `['--import', 'tsx']`. `[]` runs built JavaScript as `npm start` does. */
  nodeArgs?: string[];
  env: Record<string, string>;
  /** Every byte of stdout and stderr is appended here (else it is read and dropped). */
  logFile?: string;
  /** How long to wait for the listening line. */
  startTimeoutMs?: number;
  /** Where it runs and `script` is found (default the repo). */
  cwd?: string;
}

const LISTENING = /http:\/\/127\.0\.0\.1:\d+/;

/**
 * Runs a server as its own process (so its RSS and crashes are its own) and resolves once it
 * prints the URL it listens on. The server must bind 127.0.0.1 (HOST is forced) on PORT (0 by default).
 */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const nodeArgs = options.nodeArgs ?? ['--import', 'tsx'];
  const cwd = options.cwd ?? REPO;
  const script = options.script ?? 'src/server.ts';
  const child = spawn(process.execPath, [...nodeArgs, isAbsolute(script) ? script : join(cwd, script)], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      ...options.env,
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sink = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  let seen = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start in time:\n${seen.slice(-2000)}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      sink?.write(chunk);
      if (seen.length < 100_000) seen += chunk.toString('utf8');
      const match = LISTENING.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      fail(new Error(`server exited during start (code ${code}, signal ${signal}):\n${seen.slice(-2000)}`)),
    );
  });
  child.removeAllListeners('exit');
  // 'close' (not 'exit'): the output pipes are drained by then, so the log file is complete.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    pid: child.pid ?? 0,
    url,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await closed;
      clearTimeout(timer);
      if (sink) await new Promise<void>((resolve) => sink.end(resolve));
    },
  };
}
