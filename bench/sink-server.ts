import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Bot Framework connector stand-in for the load benchmark: answers every reply POST at once
 * with 200 `{ id }` (like the connector) and only counts them, so it costs both bots the same.
 */
export interface SinkServer {
  url: string;
  posts: number;
  /** TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

export async function startSinkServer(): Promise<SinkServer> {
  const state = { posts: 0, connections: 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.startsWith('/v3/conversations/')) state.posts += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get posts() {
      return state.posts;
    },
    get connections() {
      return state.connections;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
