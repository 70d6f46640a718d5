import type { IncomingMessage } from 'node:http';

export type RawBody =
  | { kind: 'ok'; bytes: Buffer }
  /** Over the limit. `close`: so far over that the rest was not read, so the connection must close. */
  | { kind: 'too_large'; close: boolean };

/** How much past the limit is read and thrown away so a keep-alive connection stays usable. */
const DRAIN_BYTES = 4 * 1024 * 1024;

/**
 * Reads a request body up to `maxBytes`. A body over the limit is still read to its end (and dropped)
 * before the caller answers 413, so the client's next request on the same keep-alive connection is
 * not mistaken for the rest of this one; a body far over the limit is not drained: answer it with
 * `Connection: close`.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<RawBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + DRAIN_BYTES)
    return Promise.resolve({ kind: 'too_large', close: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > maxBytes + DRAIN_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve({ kind: 'too_large', close: true });
      }
    };
    req.on('data', onData);
    req.once('end', () =>
      resolve(
        size > maxBytes ? { kind: 'too_large', close: false } : { kind: 'ok', bytes: Buffer.concat(chunks) },
      ),
    );
    req.once('error', reject);
  });
}
