import { commentJson } from './fake-github-json.ts';
import { nodeIdOf } from './fake-github-json.ts';
import { githubNow, nextId, type FakeRepo } from './fake-github-state.ts';
import { bodyObject, invalid, notFound, paginate, type FakeRoute } from './fake-github-router.ts';

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

function issueExists(repo: FakeRepo, number: number): boolean {
  return repo.issues.has(number) || repo.pulls.some((p) => p.number === number);
}

/** Issue comments (list, create, read, edit), comment reactions and label removal. */
export const fakeIssueRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/issues/:number/comments',
    permission: ['issues:read', 'pull_requests:read'],
    handle: ({ repo, params, query, apiUrl }) => {
      const number = Number(params.number);
      if (!issueExists(repo, number)) return notFound();
      const all = repo.comments.filter((c) => c.issueNumber === number);
      const url = `${apiUrl}/repos/${repo.owner}/${repo.name}/issues/${number}/comments`;
      const { page, headers } = paginate(all, query, url);
      return { status: 200, body: page.map((c) => commentJson(repo, c, apiUrl)), headers };
    },
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/issues/:number/comments',
    permission: ['issues:write', 'pull_requests:write'],
    handle: ({ state, repo, params, body, apiUrl }) => {
      const number = Number(params.number);
      if (!issueExists(repo, number)) return notFound();
      const text = bodyObject(body).body;
      if (typeof text !== 'string' || text === '') return invalid('Invalid request.\n\n"body" wasn\'t supplied.');
      if (text.length > 65_536)
        return invalid('Validation Failed', [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ]);
      const id = nextId(state);
      const now = githubNow();
      const comment = {
        id,
        nodeId: nodeIdOf('IC', id),
        issueNumber: number,
        body: text,
        user: state.app.bot,
        createdAt: now,
        updatedAt: now,
      };
      repo.comments.push(comment);
      return { status: 201, body: commentJson(repo, comment, apiUrl) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/issues/comments/:id',
    permission: ['issues:read', 'pull_requests:read'],
    handle: ({ repo, params, apiUrl }) => {
      const comment = repo.comments.find((c) => c.id === Number(params.id));
      return comment ? { status: 200, body: commentJson(repo, comment, apiUrl) } : notFound();
    },
  },
  {
    method: 'PATCH',
    path: '/repos/:owner/:repo/issues/comments/:id',
    permission: ['issues:write', 'pull_requests:write'],
    handle: ({ repo, params, body, apiUrl }) => {
      const comment = repo.comments.find((c) => c.id === Number(params.id));
      if (!comment) return notFound();
      const text = bodyObject(body).body;
      if (typeof text !== 'string' || text === '') return invalid('Invalid request.\n\n"body" wasn\'t supplied.');
      comment.body = text;
      comment.updatedAt = githubNow();
      return { status: 200, body: commentJson(repo, comment, apiUrl) };
    },
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/issues/comments/:id/reactions',
    permission: ['issues:write', 'pull_requests:write'],
    handle: ({ state, repo, params, body }) => {
      const commentId = Number(params.id);
      if (!repo.comments.some((c) => c.id === commentId)) return notFound();
      const content = bodyObject(body).content;
      if (typeof content !== 'string' || !REACTIONS.includes(content))
        return invalid('Validation Failed', [{ field: 'content', code: 'invalid' }]);
      const existing = repo.reactions.find(
        (r) => r.commentId === commentId && r.content === content && r.user.id === state.app.bot.id,
      );
      const reaction = existing ?? { id: nextId(state), commentId, content, user: state.app.bot };
      if (!existing) repo.reactions.push(reaction);
      // GitHub answers 200 when this user already reacted this way, 201 when it is new.
      return {
        status: existing ? 200 : 201,
        body: {
          id: reaction.id,
          node_id: nodeIdOf('REA', reaction.id),
          content,
          user: { login: reaction.user.login, type: reaction.user.type },
        },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/repos/:owner/:repo/issues/:number/labels/:name',
    permission: ['issues:write', 'pull_requests:write'],
    handle: ({ repo, params }) => {
      const number = Number(params.number);
      const labels = repo.labels.get(number) ?? [];
      if (!issueExists(repo, number) || !labels.includes(params.name ?? '')) {
        return {
          status: 404,
          body: { message: 'Label does not exist', documentation_url: 'https://docs.github.com/rest', status: '404' },
        };
      }
      const remaining = labels.filter((l) => l !== params.name);
      repo.labels.set(number, remaining);
      return { status: 200, body: remaining.map((name) => ({ name, color: 'ededed', default: false })) };
    },
  },
];
