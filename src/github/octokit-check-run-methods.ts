import type { CheckRunStatus, CheckRunSummary, GitHubClient } from './github-client.ts';
import { formatRepo, githubCall, repoParams, toId, type OctokitRequester } from './github-call.ts';
import { truncateCheckOutput } from './truncate-check-output.ts';

type CheckRunMethods = Pick<GitHubClient, 'createCheckRun' | 'updateCheckRun' | 'listCheckRunsForRef'>;

const PAGE_SIZE = 100;
const MAX_PAGES = 10;

/** Check runs: Perfbot's own (create, update) and everyone's on a commit (list, for the monitor phase). */
export function createOctokitCheckRunMethods(octokit: OctokitRequester): CheckRunMethods {
  return {
    createCheckRun: (repo, input) =>
      githubCall(`Creating the check run "${input.name}" on ${formatRepo(repo)}`, async () => {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
          ...repoParams(repo),
          name: input.name,
          head_sha: input.headSha,
          status: input.status,
          ...(input.conclusion === undefined ? {} : { conclusion: input.conclusion }),
          ...(input.output === undefined ? {} : { output: truncateCheckOutput(input.output) }),
          ...(input.externalId === undefined ? {} : { external_id: input.externalId }),
          ...(input.detailsUrl === undefined ? {} : { details_url: input.detailsUrl }),
        });
        return { id: toId(data.id), url: data.html_url ?? '' };
      }),

    updateCheckRun: (repo, id, update) =>
      githubCall(`Updating check run ${id} on ${formatRepo(repo)}`, async () => {
        await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
          ...repoParams(repo),
          check_run_id: id,
          ...(update.status === undefined ? {} : { status: update.status }),
          ...(update.conclusion === undefined ? {} : { conclusion: update.conclusion }),
          output: truncateCheckOutput(update.output),
        });
      }),

    listCheckRunsForRef: (repo, sha) =>
      githubCall(`Listing the check runs of ${sha} on ${formatRepo(repo)}`, async () => {
        const runs: CheckRunSummary[] = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
            ...repoParams(repo),
            ref: sha,
            per_page: PAGE_SIZE,
            page,
          });
          for (const run of data.check_runs) {
            runs.push({
              id: toId(run.id),
              url: run.html_url ?? '',
              name: run.name,
              status: run.status as CheckRunStatus,
              conclusion: run.conclusion,
              externalId: run.external_id,
              appId: run.app?.id ?? null,
              completedAt: run.completed_at,
              ...(run.output.summary ? { outputSummary: run.output.summary } : {}),
            });
          }
          if (runs.length >= data.total_count || data.check_runs.length < PAGE_SIZE) break;
        }
        return runs;
      }),
  };
}
