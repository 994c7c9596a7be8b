import { loadRepoConfig } from '../../config/load-repo-config.ts';
import { parseRepoConfig } from '../../config/parse-repo-config.ts';
import { MINIMAL_PERF_YML, PERF_YML_PATH } from '../../config/perf-yml-docs.ts';
import type { RepoConfig } from '../../config/repo-config.ts';
import { requireBenchmarkConfig } from '../../config/require-benchmark-config.ts';
import { RepoConfigError, WorkspaceError } from '../../domain/errors.ts';
import type { Workspace } from '../../workspace/workspace.ts';
import type { TrustedRepo } from '../create-trusted-repo.ts';

/**
 * perf.yml for a local run: `--config FILE`, or `.github/perf.yml` at the merge-base of the starting commit with
 * the default branch (as `perfbot bench` reads it), or at the starting commit when there is no default branch.
 * Never from the agent's changes. The benchmark section is required: the optimize loop measures.
 */
export async function readOptimizeConfig(options: {
  configFile?: string;
  workspace: Workspace;
  trusted: TrustedRepo;
  startSha: string;
}): Promise<RepoConfig> {
  const config =
    options.configFile === undefined ? await readAtMergeBase(options) : await loadRepoConfig(options.configFile);
  requireBenchmarkConfig(config, options.configFile ?? PERF_YML_PATH);
  return config;
}

async function readAtMergeBase(options: {
  workspace: Workspace;
  trusted: TrustedRepo;
  startSha: string;
}): Promise<RepoConfig> {
  const { workspace, trusted, startSha } = options;
  const configSha = await workspace
    .defaultBranch()
    .then((branch) => workspace.mergeBase(branch, startSha))
    .catch((error: unknown) => {
      if (error instanceof WorkspaceError && error.userError) return startSha;
      throw error;
    });
  await trusted.ensureCommit(configSha);
  const text = await trusted.readFile(configSha, PERF_YML_PATH);
  if (text === null) {
    const example = MINIMAL_PERF_YML.trimEnd().replace(/^/gm, '  ');
    throw new RepoConfigError(
      `no ${PERF_YML_PATH} at ${configSha.slice(0, 7)}. Commit one with at least:\n\n${example}\n\nor pass --config FILE.`,
    );
  }
  return parseRepoConfig(text, PERF_YML_PATH);
}
