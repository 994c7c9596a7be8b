import { GitHubRequestError, WorkspaceError } from '../../domain/errors.ts';
import type { GitHubClient, PullRequestRef, RepoRef } from '../../github/github-client.ts';
import { parseCloneUrl } from '../../workspace/parse-clone-url.ts';
import { secretFormsOf } from '../../workspace/redact-secrets.ts';
import { runGit } from '../../workspace/run-git.ts';
import { runIsolatedGit } from '../../workspace/run-isolated-git.ts';
import { sanitizeMirror } from '../../workspace/sanitize-mirror.ts';
import type { GitCredentials } from '../../workspace/workspace.ts';
import { renderCodeBlock } from '../../reports/markdown.ts';
import type { Publisher, PublishRequest, PublishResult } from '../publisher.ts';

/** Where the commit goes: its own branch and pull request (the default), or the triggering PR's branch. */
export type PublishTarget =
  | {
      kind: 'pull-request';
      /** The branch the new pull request targets: the PR's head branch, or the default branch for an issue. */
      base: string;
      /** What the body says first (who asked, where); the commit message follows, quoted as text. */
      intro: string;
    }
  | {
      /** `optimize.pushToPrBranch`: same-repository pull requests only (the caller checks). */
      kind: 'pr-branch';
      /** The pull request's head branch. */
      branch: string;
      number: number;
      /** The pull request's web address, for the final report; '' when unknown. */
      url: string;
    };

export interface GitHubPublisherOptions {
  github: GitHubClient;
  repo: RepoRef;
  /** The API's `clone_url`; any credentials in it are taken out. */
  cloneUrl: string;
  /** Mints a `contents: write` token for this one repository; called right before each push. */
  pushCredentials: () => Promise<GitCredentials>;
  target: PublishTarget;
  /** Applied to the pull request's text before it is sent (the run's issued tokens). */
  redact?: (text: string) => string;
}

/**
 * The worker's `Publisher`: pushes COMMIT's commit from the trusted repository and opens the pull request.
 *
 * The push is a `--force-with-lease` whose expected value is what this run may replace: nothing (a new
 * `perf/<task>` branch), the PR's starting commit (`pushToPrBranch`), or an earlier commit of this same run
 * (a CI failure sent the loop round again). Anything else on the branch — someone pushed to it — is refused,
 * as is a branch that moves between the check and the push (the lease). Safe to repeat: a branch that already
 * holds this commit, or an identical one (same tree and parent) from an interrupted attempt, is kept; an open
 * pull request for the branch is reused.
 *
 * The write token reaches only `ls-remote`, `fetch` and `push`, run by `runIsolatedGit` (no config, hook or
 * ref of the trusted repository takes part) with a credential helper that answers only for the clone URL's
 * protocol and host.
 */
export function createGitHubPublisher(options: GitHubPublisherOptions): Publisher {
  const { url } = parseCloneUrl(options.cloneUrl);
  return {
    async publish(request) {
      const branch = options.target.kind === 'pr-branch' ? options.target.branch : request.branch;
      const ref = `refs/heads/${branch}`;
      const credentials = await options.pushCredentials();
      // The trusted repository is reachable from untrusted code: every local command first restores its config,
      // and the token only ever goes to commands that do not read that config at all.
      const git = async (args: readonly string[], withCredentials = false) => {
        if (withCredentials) {
          return runIsolatedGit({
            gitDir: request.gitDir,
            args,
            remote: url,
            credentials,
            secrets: secretFormsOf(credentials),
            timeoutMs: 5 * 60_000,
          });
        }
        await sanitizeMirror(request.gitDir);
        return runGit({ cwd: request.gitDir, args, env: { GIT_DIR: request.gitDir }, timeoutMs: 5 * 60_000 });
      };
      const recordRef = `refs/perfbot/published/${branch}`;
      const recorded = (await git(['rev-parse', '--verify', '--quiet', recordRef]).catch(() => '')).trim();
      const remoteTip = parseLsRemote(await git(['ls-remote', '--end-of-options', url, ref], true), ref);
      // What this run may replace on the branch; the PR branch starts at the run's starting commit.
      const startTip = options.target.kind === 'pr-branch' ? request.parentSha : '';
      let sha = request.sha;
      if (remoteTip !== request.sha) {
        const ours =
          remoteTip === startTip ||
          (recorded !== '' && remoteTip === recorded) ||
          (await isThisRunsCommit(git, url, ref, remoteTip, request));
        if (!ours) {
          throw new WorkspaceError(
            `branch ${branch} moved: ${remoteTip === '' ? 'it was deleted' : `it is at ${remoteTip.slice(0, 7)}, which Perfbot did not push for this run`}; ` +
              'Perfbot does not overwrite commits it did not make. Delete the branch or run /perf optimize again.',
            true,
          );
        }
        if (remoteTip !== '' && (await sameChange(git, remoteTip, request))) {
          sha = remoteTip;
        } else {
          await git(
            [
              'push',
              '--quiet',
              '--no-verify',
              `--force-with-lease=${ref}:${remoteTip}`,
              '--end-of-options',
              url,
              `${request.sha}:${ref}`,
            ],
            true,
          ).catch((error: unknown) => {
            throw new WorkspaceError(
              `pushing ${branch} failed (if it was refused as stale, the branch moved while Perfbot pushed): ${String(error instanceof Error ? error.message : error)}`,
              false,
              { cause: error },
            );
          });
        }
      }
      await git(['update-ref', recordRef, sha]);
      if (options.target.kind === 'pr-branch') {
        const { url: pullUrl, number } = options.target;
        return {
          sha,
          pushed: true,
          prNumber: number,
          ...(pullUrl === '' ? {} : { links: { pullRequest: pullUrl, commit: commitUrl(pullUrl, sha) } }),
        };
      }
      return openPullRequest(options, branch, sha, await git(['show', '--no-patch', '--format=%B', request.sha]));
    },
  };
}

type Git = (args: readonly string[], withCredentials?: boolean) => Promise<string>;

/** `<sha>\t<ref>` lines; '' when the branch does not exist. */
function parseLsRemote(output: string, ref: string): string {
  for (const line of output.split('\n')) {
    const [sha, name] = line.split('\t');
    if (name === ref && sha !== undefined && /^[0-9a-f]{40}$/.test(sha)) return sha;
  }
  return '';
}

/**
 * A commit this run pushed before it could record it (the process died between the push and `update-ref`):
 * one commit on the starting commit carrying this run's `Perfbot-Run:` trailer. Fetched into the trusted
 * repository (objects only) to be read.
 */
async function isThisRunsCommit(
  git: Git,
  url: string,
  ref: string,
  tip: string,
  request: PublishRequest,
): Promise<boolean> {
  if (tip === '') return false;
  const present = await git(['cat-file', '-e', `${tip}^{commit}`]).then(
    () => true,
    () => false,
  );
  if (!present)
    await git(
      ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--depth=2', '--end-of-options', url, ref],
      true,
    );
  const [parents = '', ...body] = (await git(['show', '--no-patch', '--format=%P%n%B', tip])).split('\n');
  return parents.trim() === request.parentSha && body.some((line) => line.trim() === `Perfbot-Run: ${request.runId}`);
}

/** Same tree and parent: the commit an interrupted attempt of this phase already pushed. */
async function sameChange(git: Git, tip: string, request: PublishRequest): Promise<boolean> {
  const present = await git(['cat-file', '-e', `${tip}^{commit}`]).then(
    () => true,
    () => false,
  );
  if (!present) return false;
  const [ours, theirs] = await Promise.all([
    git(['show', '--no-patch', '--format=%T %P', request.sha]),
    git(['show', '--no-patch', '--format=%T %P', tip]),
  ]);
  return ours.trim() === theirs.trim();
}

async function openPullRequest(
  options: GitHubPublisherOptions,
  branch: string,
  sha: string,
  message: string,
): Promise<PublishResult> {
  const target = options.target;
  if (target.kind !== 'pull-request') throw new Error('openPullRequest needs a pull-request target');
  let pull: PullRequestRef | null = await options.github.findPullRequestByHead(options.repo, branch);
  if (pull === null) {
    const redact = options.redact ?? ((text: string) => text);
    const title = redact(message.split('\n')[0]?.trim() || 'perf: optimize');
    // The message quotes benchmark names from the repository: in a code block they cannot become mentions or links.
    const body = redact(`${target.intro}\n\n${renderCodeBlock(message.trim(), 'text')}\n`);
    try {
      pull = await options.github.createPullRequest(options.repo, { head: branch, base: target.base, title, body });
    } catch (error) {
      // Another attempt opened it between our search and our request (GitHub answers 422 "already exists").
      pull =
        error instanceof GitHubRequestError ? await options.github.findPullRequestByHead(options.repo, branch) : null;
      if (pull === null) throw error;
    }
  }
  return {
    sha,
    pushed: true,
    prNumber: pull.number,
    links: { pullRequest: pull.url, commit: commitUrl(pull.url, sha) },
  };
}

/** `https://github.com/o/r/pull/5` → `https://github.com/o/r/pull/5/commits/<sha>` (a page GitHub serves). */
function commitUrl(pullUrl: string, sha: string): string {
  return `${pullUrl}/commits/${sha}`;
}
