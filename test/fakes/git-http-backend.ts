import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * Answers one git smart-HTTP request for the bare repository `bareRepoDir` through `git http-backend` (CGI):
 * the request body goes to its stdin, its CGI headers become the response's status and headers.
 */
export function runGitHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  bareRepoDir: string,
  rest: string,
  remoteUser: string,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const backend = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: path.dirname(bareRepoDir),
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: `/${path.basename(bareRepoDir)}${rest}`,
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
      REMOTE_USER: remoteUser,
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  req.pipe(backend.stdin);
  let buffered = Buffer.alloc(0);
  let headersSent = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) return void res.write(chunk);
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of buffered.subarray(0, end).toString().split('\r\n')) {
      const [name, ...value] = line.split(':');
      if (name?.toLowerCase() === 'status') status = Number.parseInt(value.join(':').trim(), 10);
      else if (name) headers[name] = value.join(':').trim();
    }
    res.writeHead(status, headers);
    res.write(buffered.subarray(end + 4));
    headersSent = true;
  });
  backend.on('close', () => res.end());
}
