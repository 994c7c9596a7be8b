import type { FakeCheckRun, FakeComment, FakePull, FakeRepo, FakeUser } from './fake-github-state.ts';

/** JSON shaped like GitHub's REST responses, with the fields clients commonly read. */
const WEB = 'https://github.com';

export function nodeIdOf(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

export function userJson(user: FakeUser) {
  return {
    login: user.login,
    id: user.id,
    node_id: nodeIdOf(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    type: user.type,
    site_admin: false,
    html_url: user.type === 'Bot' ? `${WEB}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${WEB}/${user.login}`,
  };
}

export function repoJson(repo: FakeRepo, apiUrl: string) {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: nodeIdOf('R', repo.id),
    name: repo.name,
    full_name: fullName,
    private: false,
    fork: false,
    owner: userJson({ login: repo.owner, id: repo.id + 1, type: 'User' }),
    html_url: `${WEB}/${fullName}`,
    url: `${apiUrl}/repos/${fullName}`,
    default_branch: repo.defaultBranch,
    // A GHES host serves git next to its API: `<protocol>://<host>/<owner>/<repo>.git`.
    clone_url:
      repo.cloneUrl ?? `${apiUrl.endsWith('/api/v3') ? apiUrl.slice(0, -'/api/v3'.length) : WEB}/${fullName}.git`,
    visibility: 'public',
  };
}

export function commentJson(repo: FakeRepo, comment: FakeComment, apiUrl: string) {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    id: comment.id,
    node_id: comment.nodeId,
    url: `${apiUrl}/repos/${fullName}/issues/comments/${comment.id}`,
    html_url: `${WEB}/${fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${apiUrl}/repos/${fullName}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(comment.user),
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
  };
}

export function pullJson(repo: FakeRepo, pull: FakePull, apiUrl: string) {
  const base = repoJson(repo, apiUrl);
  const headRepo =
    pull.headRepo === null ? null : pull.headRepo.id === repo.id ? base : forkJson(pull.headRepo, apiUrl);
  return {
    id: pull.number * 1000 + repo.id,
    node_id: nodeIdOf('PR', pull.number * 1000 + repo.id),
    number: pull.number,
    state: pull.state,
    draft: pull.draft,
    title: pull.title,
    body: pull.body,
    html_url: `${WEB}/${base.full_name}/pull/${pull.number}`,
    url: `${apiUrl}/repos/${base.full_name}/pulls/${pull.number}`,
    user: userJson(pull.author ?? { login: 'octocat', id: 583231, type: 'User' }),
    head: {
      label: `${headRepo?.owner.login ?? 'unknown'}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      repo: headRepo,
    },
    base: { label: `${repo.owner}:${pull.baseRef}`, ref: pull.baseRef, sha: pull.baseSha, repo: base },
    merged: false,
  };
}

function forkJson(fork: { id: number; fullName: string }, apiUrl: string) {
  const [owner = '', name = ''] = fork.fullName.split('/');
  return {
    id: fork.id,
    node_id: nodeIdOf('R', fork.id),
    name,
    full_name: fork.fullName,
    private: false,
    fork: true,
    owner: userJson({ login: owner, id: fork.id + 1, type: 'User' }),
    html_url: `${WEB}/${fork.fullName}`,
    url: `${apiUrl}/repos/${fork.fullName}`,
  };
}

export function checkRunJson(repo: FakeRepo, run: FakeCheckRun, app: { id: number; slug: string }, apiUrl: string) {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    id: run.id,
    node_id: run.nodeId,
    name: run.name,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    external_id: run.externalId,
    details_url: run.detailsUrl,
    html_url: `${WEB}/${fullName}/runs/${run.id}`,
    url: `${apiUrl}/repos/${fullName}/check-runs/${run.id}`,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      ...run.output,
      annotations_count: 0,
      annotations_url: `${apiUrl}/repos/${fullName}/check-runs/${run.id}/annotations`,
    },
    app: { id: (run.app ?? app).id, slug: (run.app ?? app).slug, name: (run.app ?? app).slug },
    pull_requests: [],
  };
}
