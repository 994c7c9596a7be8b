import type { IncomingMessage, ServerResponse } from 'node:http';
import { runGitHttpBackend } from './git-http-backend.ts';
import { repoKey, type FakeGitHubState } from './fake-github-state.ts';

/** `/<owner>/<repo>.git/<rest>`: where GitHub (and a GHES host) serves a repository over smart HTTP. */
const GIT_PATH = /^\/([^/]+)\/([^/]+?)\.git(\/.*)$/;

/** True when `url` is a git smart-HTTP request rather than an API call. */
export function isGitRequest(url: string): boolean {
  return GIT_PATH.test(new URL(url, 'http://fake.invalid').pathname);
}

/**
 * Serves a repository backed by a real bare repository (`repo.gitDir`) over smart HTTP through `git http-backend`,
 * accepting only installation tokens the fake minted for that repository (Basic `x-access-token:<token>`), with
 * contents read to fetch and contents write to push — as GitHub does. Returns the status it answered.
 */
export function serveFakeGit(state: FakeGitHubState, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const [, owner = '', name = '', rest = ''] = GIT_PATH.exec(url.pathname) ?? [];
  const repo = state.repos.get(repoKey(owner, name));
  const basic = /^basic (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const [, password = ''] = /^[^:]*:(.*)$/.exec(Buffer.from(basic ?? '', 'base64').toString('utf8')) ?? [];
  const token = state.issuedTokens.find((t) => t.token === password);
  const push = url.searchParams.get('service') === 'git-receive-pack' || rest === '/git-receive-pack';
  const level = token?.permissions.contents;
  const allowed =
    repo?.gitDir !== undefined &&
    token !== undefined &&
    (token.repositoryIds === 'all' || token.repositoryIds.includes(repo.id)) &&
    (level === 'write' || (level === 'read' && !push));
  if (!allowed || repo?.gitDir === undefined) {
    req.resume();
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"' }).end('Invalid username or token.\n');
    return;
  }
  runGitHttpBackend(req, res, repo.gitDir, rest, 'x-access-token');
}
