import { createHash } from 'node:crypto';
import path from 'node:path';
import type { GitCredentials } from './workspace.ts';

/** A clone URL split into what may be stored and shown (`url`, `repoId`) and what must not (`credentials`). */
export interface ParsedCloneUrl {
  /** The URL without any userinfo secret; safe to pass on argv and to show in messages. */
  url: string;
  /** Filesystem-safe, collision-resistant id: readable host/path plus a short hash of `url`. */
  repoId: string;
  /** Credentials that were embedded in the URL (`https://user:token@host/…`), if any. */
  credentials?: GitCredentials;
}

const SCP_LIKE = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/;

/**
 * Parses a clone URL: `https://…`, `ssh://…`, `file://…`, scp-like `git@host:owner/repo.git`, or a local path.
 * Credentials in an HTTP(S) URL are taken out so that they can be passed per command instead of being
 * written into the mirror or echoed by git in an error message.
 */
export function parseCloneUrl(cloneUrl: string): ParsedCloneUrl {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(cloneUrl)) return parseStandardUrl(cloneUrl);
  const scp = SCP_LIKE.exec(cloneUrl);
  if (scp && !cloneUrl.startsWith('/') && !cloneUrl.startsWith('.')) {
    return { url: cloneUrl, repoId: toRepoId(`${scp[1]}/${scp[2]}`, cloneUrl) };
  }
  const absolute = path.resolve(cloneUrl);
  return { url: absolute, repoId: toRepoId(`local/${path.basename(absolute)}`, absolute) };
}

function parseStandardUrl(cloneUrl: string): ParsedCloneUrl {
  const parsed = new URL(cloneUrl);
  const isHttp = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  let credentials: GitCredentials | undefined;
  if (parsed.password || (isHttp && parsed.username)) {
    credentials = {
      username: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    };
    parsed.password = '';
    if (isHttp) parsed.username = '';
  }
  const url = parsed.toString();
  const readable =
    parsed.protocol === 'file:' ? `local/${path.basename(parsed.pathname)}` : `${parsed.host}${parsed.pathname}`;
  return { url, repoId: toRepoId(readable, url), ...(credentials ? { credentials } : {}) };
}

/** `github.com/owner/repo.git` → `github.com_owner_repo-1a2b3c4d`. */
function toRepoId(readable: string, fullUrl: string): string {
  const name = readable
    .replace(/\.git\/?$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 80);
  const hash = createHash('sha256').update(fullUrl).digest('hex').slice(0, 8);
  return `${name || 'repo'}-${hash}`;
}
