import type { Server } from 'restify';
import { CodedError } from '../core/errors.js';

/**
 * Starts listening, or fails with one line that says what to change: the operator sees that, not
 * a stack trace (server.ts prints a CodedError's message alone).
 */
export async function listen(server: Server, port: number, host: string): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      // restify re-emits the http server's 'error' on itself, where nothing else listens.
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw new CodedError('bad_input', listenProblem(error, port, host), { cause: error });
  }
}

function listenProblem(error: unknown, port: number, host: string): string {
  const code = (error as { code?: unknown }).code;
  const where = `${host} port ${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `${where} is already in use: stop the other program (or the other copy of this server) listening there, or set PORT to a free port`;
    case 'EACCES':
      return `${where} needs privileges this process does not have: set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine: set HOST to one of its addresses (127.0.0.1 for this machine only)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST ${host} could not be resolved: set HOST to an IP address such as 127.0.0.1, ::1 or 0.0.0.0`;
    default:
      return `could not listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
