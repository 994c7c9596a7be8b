import type { GitHubClient, PullRequestRef } from './github-client.ts';
import { formatRepo, githubCall, repoParams, toId, type OctokitRequester } from './github-call.ts';

type PullMethods = Pick<GitHubClient, 'getPullRequest' | 'createPullRequest' | 'findPullRequestByHead'>;

/** Pull request reads and the one write Perfbot does: opening its own optimization pull request. */
export function createOctokitPullMethods(octokit: OctokitRequester): PullMethods {
  return {
    getPullRequest: (repo, number) =>
      githubCall(`Reading pull request #${number} of ${formatRepo(repo)}`, async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
          ...repoParams(repo),
          pull_number: number,
        });
        const headRepo = data.head.repo;
        return {
          number: data.number,
          state: data.state === 'open' ? 'open' : 'closed',
          title: data.title,
          body: data.body ?? '',
          headSha: data.head.sha,
          headRef: data.head.ref,
          headRepoFullName: headRepo?.full_name ?? null,
          headRepoId: headRepo ? toId(headRepo.id) : null,
          baseRef: data.base.ref,
          baseSha: data.base.sha,
          // A deleted head repository was a fork: treat it as untrusted too.
          isFork: headRepo === null || headRepo.id !== data.base.repo.id,
          authorId: data.user ? toId(data.user.id) : null,
        };
      }),

    createPullRequest: (repo, input) =>
      githubCall(`Opening a pull request from ${input.head} into ${input.base} of ${formatRepo(repo)}`, async () => {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/pulls', {
          ...repoParams(repo),
          head: input.head,
          base: input.base,
          title: input.title,
          body: input.body,
          draft: input.draft ?? false,
        });
        return { number: data.number, url: data.html_url, headSha: data.head.sha };
      }),

    findPullRequestByHead: (repo, headBranch) =>
      githubCall(`Looking for a pull request from ${headBranch} in ${formatRepo(repo)}`, async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls', {
          ...repoParams(repo),
          head: `${repo.owner}:${headBranch}`,
          state: 'open',
          per_page: 1,
        });
        const found = data[0];
        const ref: PullRequestRef | null = found
          ? { number: found.number, url: found.html_url, headSha: found.head.sha }
          : null;
        return ref;
      }),
  };
}
