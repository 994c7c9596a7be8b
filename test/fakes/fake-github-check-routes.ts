import { checkRunJson, nodeIdOf } from './fake-github-json.ts';
import { githubNow, nextId, type FakeCheckRun } from './fake-github-state.ts';
import { bodyObject, invalid, notFound, paginate, type FakeResponse, type FakeRoute } from './fake-github-router.ts';

const STATUSES = ['queued', 'in_progress', 'completed'];
const CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required'];
const OUTPUT_LIMIT = 65_535;

/** Applies `status`, `conclusion` and `output` from a request body, or returns GitHub's 422. */
function apply(run: FakeCheckRun, input: Record<string, unknown>): FakeResponse | undefined {
  if (input.status !== undefined && !STATUSES.includes(String(input.status)))
    return invalid('Invalid request.\n\nstatus is not a member of the enum.');
  if (input.conclusion !== undefined && !CONCLUSIONS.includes(String(input.conclusion)))
    return invalid('Invalid request.\n\nconclusion is not a member of the enum.');
  const output = bodyObject(input.output);
  for (const key of ['summary', 'text'] as const) {
    const value = output[key];
    if (typeof value === 'string' && value.length > OUTPUT_LIMIT) {
      return invalid(`Invalid request.\n\nOnly ${OUTPUT_LIMIT} characters are allowed; ${value.length} were supplied.`);
    }
  }
  if (input.output !== undefined && (typeof output.title !== 'string' || typeof output.summary !== 'string')) {
    return invalid('Invalid request.\n\n"title" and "summary" are required in output.');
  }
  if (typeof input.conclusion === 'string') {
    run.conclusion = input.conclusion;
    run.status = 'completed';
  }
  if (typeof input.status === 'string') run.status = input.status;
  if (run.status === 'completed' && run.conclusion === null)
    return invalid('Invalid request.\n\n"conclusion" is required when status is completed.');
  if (run.status === 'completed') run.completedAt ??= githubNow();
  if (input.output !== undefined) {
    run.output = {
      title: String(output.title),
      summary: String(output.summary),
      text: typeof output.text === 'string' ? output.text : null,
    };
  }
  if (typeof input.external_id === 'string') run.externalId = input.external_id;
  if (typeof input.details_url === 'string') run.detailsUrl = input.details_url;
  return undefined;
}

/** Check runs: create, update, list for a commit. */
export const fakeCheckRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/repos/:owner/:repo/check-runs',
    permission: ['checks:write'],
    handle: ({ state, repo, body, apiUrl }) => {
      const input = bodyObject(body);
      if (typeof input.name !== 'string' || typeof input.head_sha !== 'string')
        return invalid('Invalid request.\n\n"name" and "head_sha" are required.');
      const id = nextId(state);
      const run: FakeCheckRun = {
        id,
        nodeId: nodeIdOf('CR', id),
        name: input.name,
        headSha: input.head_sha,
        status: 'queued',
        conclusion: null,
        externalId: null,
        detailsUrl: null,
        output: { title: null, summary: null, text: null },
        startedAt: githubNow(),
        completedAt: null,
      };
      const refused = apply(run, input);
      if (refused) return refused;
      repo.checkRuns.push(run);
      return { status: 201, body: checkRunJson(repo, run, state.app, apiUrl) };
    },
  },
  {
    method: 'PATCH',
    path: '/repos/:owner/:repo/check-runs/:id',
    permission: ['checks:write'],
    handle: ({ state, repo, params, body, apiUrl }) => {
      const run = repo.checkRuns.find((r) => r.id === Number(params.id));
      if (!run) return notFound();
      // Validate on a copy so a refused update leaves the stored run untouched, as on GitHub.
      const draft = structuredClone(run);
      const refused = apply(draft, bodyObject(body));
      if (refused) return refused;
      Object.assign(run, draft);
      return { status: 200, body: checkRunJson(repo, run, state.app, apiUrl) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/commits/:ref/check-runs',
    permission: ['checks:read'],
    handle: ({ state, repo, params, query, apiUrl }) => {
      const sha = repo.branches.get(params.ref ?? '') ?? params.ref;
      const runs = repo.checkRuns.filter((r) => r.headSha === sha);
      const url = `${apiUrl}/repos/${repo.owner}/${repo.name}/commits/${params.ref}/check-runs`;
      const { page, headers } = paginate(runs, query, url);
      return {
        status: 200,
        body: { total_count: runs.length, check_runs: page.map((r) => checkRunJson(repo, r, state.app, apiUrl)) },
        headers,
      };
    },
  },
];
