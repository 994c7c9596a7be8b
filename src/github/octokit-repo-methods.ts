import type { GitHubClient } from './github-client.ts';
import { GitHubRequestError } from '../domain/errors.ts';
import { formatRepo, githubCall, hasStatus, repoParams, type OctokitRequester } from './github-call.ts';

type RepoMethods = Pick<GitHubClient, 'getPermission' | 'readFile' | 'getRepository' | 'getBranchSha'>;

/** Repository-level reads: permissions, files and the default branch. */
export function createOctokitRepoMethods(octokit: OctokitRequester): RepoMethods {
  return {
    getPermission: (repo, username) =>
      githubCall(`Checking ${username}'s permission on ${formatRepo(repo)}`, async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
          ...repoParams(repo),
          username,
        });
        return { permission: data.permission, roleName: data.role_name };
      }),

    readFile: (repo, path, ref) =>
      githubCall(`Reading ${path} from ${formatRepo(repo)}${ref === undefined ? '' : ` at ${ref}`}`, async () => {
        try {
          // Without `ref`, GitHub reads the default branch itself: no extra request needed.
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
            ...repoParams(repo),
            path,
            ...(ref === undefined ? {} : { ref }),
          });
          if (Array.isArray(data) || data.type !== 'file') return null;
          if (!('encoding' in data) || data.encoding !== 'base64') {
            throw new GitHubRequestError(
              `${path} in ${formatRepo(repo)} is too large to read through the contents API (over 1 MB).`,
              200,
            );
          }
          return Buffer.from(data.content, 'base64').toString('utf8');
        } catch (error) {
          if (hasStatus(error, 404)) return null;
          throw error;
        }
      }),

    getRepository: (repo) =>
      githubCall(`Reading ${formatRepo(repo)}`, async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}', repoParams(repo));
        return { id: Number(data.id), defaultBranch: data.default_branch, cloneUrl: data.clone_url };
      }),
    getBranchSha: (repo, branch) =>
      githubCall(`Reading branch ${branch} of ${formatRepo(repo)}`, async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', {
          ...repoParams(repo),
          branch,
        });
        return data.commit.sha;
      }),
  };
}
