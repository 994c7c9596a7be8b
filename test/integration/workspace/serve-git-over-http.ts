import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runGitHttpBackend } from '../../fakes/git-http-backend.ts';

export interface GitHttpServer {
  /** Base URL without credentials, e.g. `http://127.0.0.1:PORT/remote.git`. */
  url: string;
  /** Every request received: its URL and headers, for asserting what git sent. */
  requests: Array<{ url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/**
 * Serves one bare repository over smart HTTP on 127.0.0.1 through `git http-backend`, behind Basic auth
 * with a single accepted username/password — a small stand-in for GitHub's git endpoint.
 */
export async function serveGitOverHttp(
  bareRepoDir: string,
  auth: { username: string; password: string },
  options: { delayMs?: number } = {},
): Promise<GitHttpServer> {
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const requests: GitHttpServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    setTimeout(() => handle(req, res), options.delayMs ?? 0);
  });
  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="perfbot-test"' }).end('unauthorized\n');
      return;
    }
    runGitHttpBackend(
      req,
      res,
      bareRepoDir,
      new URL(req.url ?? '/', 'http://localhost').pathname.slice(`/${path.basename(bareRepoDir)}`.length),
      auth.username,
    );
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${path.basename(bareRepoDir)}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
