import { WorkspaceError } from '../../domain/errors.ts';
import type { GitHubClient, RepoRef } from '../../github/github-client.ts';
import { runGit } from '../../workspace/run-git.ts';
import { sanitizeMirror } from '../../workspace/sanitize-mirror.ts';
import type { Publisher } from '../publisher.ts';
import { renderPatchComment } from './render-patch-comment.ts';

/** The artifact (`bots/<name>` of the run's files) that keeps the full patch. */
export const FORK_PATCH_ARTIFACT = 'fork-patch.patch';

export interface PatchCommentPublisherOptions {
  github: GitHubClient;
  /** The base repository: the comment goes on its pull request; nothing is pushed to it. */
  repo: RepoRef;
  pull: { number: number; headRepoFullName: string | null };
  /** The run's job id: the comment is `patch-<jobId>`, edited in place when COMMIT repeats. */
  jobId: string;
  /** The run's task id, named in the comment as where the full patch is kept. */
  runId: string;
  /** Keeps the full patch with the run's files (`RunFiles.writeArtifact`). */
  saveArtifact: (name: string, text: string) => Promise<void>;
  /** Applied to the comment before it is sent (the run's issued tokens). */
  redact?: (text: string) => string;
}

/**
 * The worker's `Publisher` for a pull request from a fork (`optimize.forkPullRequests: comment`, the default):
 * pushes nothing and opens no pull request, because a branch in the base repository would run the fork's
 * commits in its CI with its secrets. It posts COMMIT's commit as a patch comment on the pull request instead
 * (`renderPatchComment`: the figures, how to apply it, the patch) and keeps the full patch as an artifact.
 * Returns `pushed: false`, so MONITOR does not run; the final report links the comment.
 *
 * The patch is `git format-patch` of the commit built in the trusted repository from the validated patch:
 * exactly what a push would have delivered. The repository is restored to its constant config before the
 * command, and replace refs are ignored, so nothing planted there changes what is shown. No token is used.
 * Safe to repeat: the comment carries a marker and is edited in place (twice: its instructions name its id).
 */
export function createPatchCommentPublisher(options: PatchCommentPublisherOptions): Publisher {
  return {
    async publish(request) {
      const git = async (args: readonly string[]) => {
        await sanitizeMirror(request.gitDir);
        return runGit({
          cwd: request.gitDir,
          args,
          env: { GIT_DIR: request.gitDir, GIT_NO_REPLACE_OBJECTS: '1' },
          timeoutMs: 5 * 60_000,
        });
      };
      const [parents = '', ...body] = (
        await git(['show', '--no-patch', '--format=%P%n%B', '--end-of-options', request.sha])
      ).split('\n');
      if (parents.trim() !== request.parentSha) {
        throw new WorkspaceError(
          `commit ${request.sha.slice(0, 7)} is not a single commit on ${request.parentSha.slice(0, 7)}; Perfbot posts no patch it cannot vouch for`,
          false,
        );
      }
      const patch = await git([
        'format-patch',
        '--stdout',
        '--no-signature',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        '--src-prefix=a/',
        '--dst-prefix=b/',
        '-1',
        '--end-of-options',
        request.sha,
      ]);
      await options.saveArtifact(FORK_PATCH_ARTIFACT, patch);
      const marker = `patch-${options.jobId}`;
      const redact = options.redact ?? ((text: string) => text);
      const render = (commentId?: number) =>
        redact(
          renderPatchComment({
            patch,
            message: body.join('\n').trim(),
            repo: options.repo,
            pull: options.pull,
            startSha: request.parentSha,
            ...(commentId === undefined ? {} : { commentId }),
            artifact: { name: `bots/${FORK_PATCH_ARTIFACT}`, runId: options.runId },
          }),
        );
      // The instructions fetch the patch by the comment's own id, known once it is posted: then it is edited in.
      const draft = await options.github.upsertComment(options.repo, options.pull.number, marker, render());
      const posted = await options.github.upsertComment(
        options.repo,
        options.pull.number,
        marker,
        render(draft.id),
        draft.id,
      );
      return { sha: request.sha, pushed: false, label: 'patch posted, nothing pushed', links: { patch: posted.url } };
    },
  };
}
