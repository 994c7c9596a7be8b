import { parseRepoConfig } from '../config/parse-repo-config.ts';
import { PERF_YML_PATH } from '../config/perf-yml-docs.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { GitHubClient, RepoRef } from './github-client.ts';

/**
 * `.github/perf.yml` from the repository's DEFAULT branch — never from the pull request's head, so a PR cannot
 * change which commands run on Perfbot's machines. A missing file gives the defaults (no benchmark section).
 * @throws RepoConfigError when the file is invalid.
 */
export async function readRepoConfig(github: GitHubClient, repo: RepoRef): Promise<RepoConfig> {
  const text = await github.readFile(repo, PERF_YML_PATH);
  return parseRepoConfig(text ?? '', PERF_YML_PATH);
}
