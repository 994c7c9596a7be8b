import { createHash } from 'node:crypto';
import { fakeBranchSha } from './fake-git-branches.ts';
import { pullJson, repoJson } from './fake-github-json.ts';
import { bodyObject, invalid, notFound, type FakeRoute } from './fake-github-router.ts';

/** Repository, contents, collaborator permission and pull request routes. */
export const fakeRepoRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo',
    permission: ['metadata:read'],
    handle: ({ repo, apiUrl }) => ({ status: 200, body: repoJson(repo, apiUrl) }),
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/branches/:branch',
    permission: ['contents:read'],
    handle: ({ repo, params }) => {
      const sha = fakeBranchSha(repo, params.branch ?? '');
      if (sha === undefined) return notFound();
      return { status: 200, body: { name: params.branch, commit: { sha }, protected: false } };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/contents/*path',
    permission: ['contents:read'],
    handle: ({ repo, params, query, apiUrl }) => {
      const ref = query.ref ?? repo.defaultBranch;
      const path = params.path ?? '';
      const content = repo.files.get(ref)?.get(path);
      if (content === undefined) return notFound();
      const bytes = Buffer.from(content, 'utf8');
      const name = path.split('/').pop() ?? path;
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: 'base64',
          size: bytes.length,
          name,
          path,
          // Git's blob id, and base64 wrapped at 60 columns, both as GitHub sends them.
          sha: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'),
          content: (bytes.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n') + '\n',
          url: `${apiUrl}/repos/${repo.owner}/${repo.name}/contents/${path}?ref=${ref}`,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/collaborators/:username/permission',
    permission: ['metadata:read'],
    handle: ({ repo, params }) => {
      const login = params.username ?? '';
      const found = repo.permissions.get(login.toLowerCase());
      if (!found) return notFound();
      return {
        status: 200,
        body: {
          permission: found.permission,
          role_name: found.roleName,
          user: { login, id: login.length * 7919, type: 'User', permissions: {} },
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/pulls/:number',
    permission: ['pull_requests:read'],
    handle: ({ repo, params, apiUrl }) => {
      const pull = repo.pulls.find((p) => p.number === Number(params.number));
      return pull ? { status: 200, body: pullJson(repo, pull, apiUrl) } : notFound();
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/pulls',
    permission: ['pull_requests:read'],
    handle: ({ repo, query, apiUrl }) => {
      const state = query.state ?? 'open';
      const [headOwner, headBranch] = (query.head ?? '').includes(':')
        ? (query.head ?? '').split(':', 2)
        : [undefined, query.head];
      const matching = repo.pulls.filter(
        (p) =>
          (state === 'all' || p.state === state) &&
          (headBranch === undefined || headBranch === '' || p.headRef === headBranch) &&
          (headOwner === undefined ||
            (p.headRepo?.fullName.split('/')[0] ?? '').toLowerCase() === headOwner.toLowerCase()),
      );
      const perPage = Math.min(100, Number(query.per_page ?? 30) || 30);
      return { status: 200, body: matching.slice(0, perPage).map((p) => pullJson(repo, p, apiUrl)) };
    },
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/pulls',
    permission: ['pull_requests:write'],
    handle: ({ repo, body, apiUrl }) => {
      const input = bodyObject(body);
      const { head, base, title } = input;
      if (typeof head !== 'string' || typeof base !== 'string' || typeof title !== 'string') {
        return invalid('Invalid request.\n\n"head", "base" and "title" are required.');
      }
      const headRef = head.includes(':') ? (head.split(':')[1] ?? head) : head;
      const headSha = fakeBranchSha(repo, headRef);
      const baseSha = fakeBranchSha(repo, base);
      if (headSha === undefined || baseSha === undefined) {
        return invalid('Validation Failed', [
          { resource: 'PullRequest', field: headSha === undefined ? 'head' : 'base', code: 'invalid' },
        ]);
      }
      if (repo.pulls.some((p) => p.state === 'open' && p.headRef === headRef && p.baseRef === base)) {
        return invalid('Validation Failed', [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${repo.owner}:${headRef}.`,
          },
        ]);
      }
      const number = Math.max(0, ...repo.pulls.map((p) => p.number), ...repo.issues) + 1;
      const pull = {
        number,
        state: 'open' as const,
        title,
        body: typeof input.body === 'string' ? input.body : null,
        draft: input.draft === true,
        headRef,
        headSha,
        headRepo: { id: repo.id, fullName: `${repo.owner}/${repo.name}` },
        baseRef: base,
        baseSha,
      };
      repo.pulls.push(pull);
      return { status: 201, body: pullJson(repo, pull, apiUrl) };
    },
  },
];
