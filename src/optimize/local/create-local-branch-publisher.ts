import { WorkspaceError } from '../../domain/errors.ts';
import { runGit } from '../../workspace/run-git.ts';
import type { Publisher } from '../publisher.ts';

/**
 * The CLI's `Publisher`: fetches the commit from the trusted repository into the user's repository as branch
 * `perf/<task>`. A fetch writes objects and one ref only: the user's working tree, index and current branch
 * are never touched (git refuses to fetch into a checked-out branch). Nothing is pushed, so there is no CI.
 *
 * Safe to repeat: a branch that already holds an identical commit (same parent and tree, from an attempt that
 * was interrupted before its checkpoint) is kept as it is; a branch holding anything else is the user's, and
 * is not overwritten.
 */
export function createLocalBranchPublisher(options: { repoDir: string }): Publisher {
  const inRepo = (args: readonly string[]) => runGit({ cwd: options.repoDir, args });
  return {
    async publish(request) {
      const ref = `refs/heads/${request.branch}`;
      const existing = await inRepo(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
        (out) => out.trim(),
        () => '',
      );
      if (existing === request.sha) return { sha: existing, pushed: false };
      if (existing !== '') {
        const trustedGit = (args: readonly string[]) =>
          runGit({ cwd: request.gitDir, args, env: { GIT_DIR: request.gitDir } });
        const [ours, theirs] = await Promise.all([
          trustedGit(['rev-parse', `${request.sha}^{tree}`]).then((out) => out.trim()),
          inRepo(['show', '--no-patch', '--format=%T %P', existing]).then((out) => out.trim()),
        ]);
        if (theirs === `${ours} ${request.parentSha}`) return { sha: existing, pushed: false };
        throw new WorkspaceError(
          `branch ${request.branch} already exists in ${options.repoDir} at ${existing.slice(0, 7)} and is not this run's commit; ` +
            `delete it (git branch -D ${request.branch}) or run with another --task`,
          true,
        );
      }
      await runGit({ cwd: request.gitDir, args: ['update-ref', ref, request.sha], env: { GIT_DIR: request.gitDir } });
      await inRepo([
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        '--end-of-options',
        request.gitDir,
        `${ref}:${ref}`,
      ]);
      return { sha: request.sha, pushed: false };
    },
  };
}
