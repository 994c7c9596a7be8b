import { randomBytes } from 'node:crypto';
import { jwtProblem } from './fake-github-jwt.ts';
import { INSTALLATION_PERMISSIONS } from './fake-github-permissions.ts';
import { repoJson } from './fake-github-json.ts';
import { githubNow, type FakeGitHubState } from './fake-github-state.ts';
import { bodyObject, invalid, notFound, type FakeResponse, type FakeRoute } from './fake-github-router.ts';

function graphqlError(type: string, message: string): FakeResponse {
  return { status: 200, body: { data: null, errors: [{ type, message, path: ['minimizeComment'] }] } };
}

/** App endpoints (JWT-authenticated) and the one GraphQL mutation Perfbot uses. */
export const fakeAppRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/app/installations/:id/access_tokens',
    handle: ({ state, params, body, headers, apiUrl }) => {
      const problem = jwtProblem(state, headers.authorization);
      if (problem)
        return { status: 401, body: { message: problem, documentation_url: 'https://docs.github.com/rest' } };
      const installationId = Number(params.id);
      const reachable = state.installations.get(installationId);
      if (!reachable) return notFound();
      const input = bodyObject(body);
      const ids = Array.isArray(input.repository_ids) ? input.repository_ids.map(Number) : undefined;
      if (ids?.some((id) => !reachable.includes(id))) {
        return invalid(
          'There is at least one repository that does not exist or is not accessible to the parent installation.',
        );
      }
      const requested = bodyObject(input.permissions) as Record<string, string>;
      // Nothing requested: the token gets everything the installation was granted, as on GitHub.
      const permissions = Object.keys(requested).length > 0 ? requested : { ...INSTALLATION_PERMISSIONS };
      const beyond = Object.entries(requested).filter(([name, level]) => {
        const granted = INSTALLATION_PERMISSIONS[name];
        return granted === undefined || (granted === 'read' && level !== 'read');
      });
      if (beyond.length > 0) return invalid('The permissions requested are not granted to this installation.');
      const token = `ghs_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
      state.issuedTokens.push({ token, installationId, repositoryIds: ids ?? 'all', permissions });
      const repos = [...state.repos.values()].filter((r) => (ids ?? reachable).includes(r.id));
      return {
        status: 201,
        body: {
          token,
          expires_at: githubNow(3_600_000),
          permissions,
          repository_selection: ids ? 'selected' : 'all',
          repositories: repos.map((r) => repoJson(r, apiUrl)),
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/graphql',
    permission: ['issues:write', 'pull_requests:write'],
    handle: ({ state, body }) => {
      const { query, variables } = bodyObject(body);
      if (typeof query !== 'string' || !/\bminimizeComment\s*\(/.test(query) || !/classifier:\s*OUTDATED/.test(query)) {
        return {
          status: 501,
          unexpected: true,
          body: { message: 'fake GitHub only answers the minimizeComment(classifier: OUTDATED) mutation' },
        };
      }
      const subjectId = bodyObject(variables).subjectId;
      for (const repo of state.repos.values()) {
        const comment = repo.comments.find((c) => c.nodeId === subjectId);
        if (!comment) continue;
        comment.minimizedAs = 'OUTDATED';
        return { status: 200, body: { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } } };
      }
      return graphqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${String(subjectId)}'`);
    },
  },
];
