import type { GitHubClient, PostedComment, RepoRef } from './github-client.ts';
import { TransientGitHubError } from '../domain/errors.ts';
import { commentMarker, withCommentMarker } from './comment-marker.ts';
import { findMarkedComment } from './find-marked-comment.ts';
import { formatRepo, githubCall, hasStatus, repoParams, toId, type OctokitRequester } from './github-call.ts';
import { toGitHubError } from './to-github-error.ts';

type CommentMethods = Pick<GitHubClient, 'upsertComment' | 'markCommentOutdated' | 'addReaction' | 'removeLabel'>;

/** Prepended when GitHub will not minimize a comment; also how we recognize one we already marked. */
export const OUTDATED_NOTE = '> [!NOTE]\n> Outdated: a newer Perfbot run replaced this comment.\n\n';

const MINIMIZE = `mutation($subjectId: ID!) {
  minimizeComment(input: { subjectId: $subjectId, classifier: OUTDATED }) { minimizedComment { isMinimized } }
}`;

/**
 * Comments, reactions and labels. `botLogin` (e.g. `perfbot[bot]`) says whose comments `upsertComment` may edit;
 * without it any bot's comment carrying the marker qualifies.
 */
export function createOctokitCommentMethods(octokit: OctokitRequester, botLogin?: string): CommentMethods {
  const isOurs = (author: { login: string; type: string } | null) =>
    author !== null && (botLogin === undefined ? author.type === 'Bot' : author.login === botLogin);

  const update = async (repo: RepoRef, id: number, body: string) => {
    const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...repoParams(repo),
      comment_id: id,
      body,
    });
    return { id: toId(data.id), nodeId: data.node_id, url: data.html_url };
  };

  const create = async (repo: RepoRef, issueNumber: number, body: string) => {
    const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repoParams(repo),
      issue_number: issueNumber,
      body,
    });
    return { id: toId(data.id), nodeId: data.node_id, url: data.html_url };
  };

  return {
    upsertComment: (repo, issueNumber, marker, body, knownId) =>
      githubCall(
        `Posting Perfbot's comment on #${issueNumber} of ${formatRepo(repo)}`,
        async (): Promise<PostedComment> => {
          const text = withCommentMarker(body, marker);
          if (knownId !== undefined) {
            try {
              return await update(repo, knownId, text);
            } catch (error) {
              // Someone deleted the comment: fall back to searching, then creating.
              if (!hasStatus(error, 404)) throw error;
            }
          }
          const existing = await findMarkedComment(octokit, repo, issueNumber, commentMarker(marker), isOurs);
          if (existing === null) return create(repo, issueNumber, text);
          // An unchanged comment needs no write: writes count against GitHub's content-creation limits.
          if (existing.body === text) return { id: existing.id, nodeId: existing.nodeId, url: existing.url };
          return update(repo, existing.id, text);
        },
      ),

    markCommentOutdated: (repo, comment) =>
      githubCall(`Marking comment ${comment.id} of ${formatRepo(repo)} as outdated`, async () => {
        try {
          await octokit.graphql(MINIMIZE, { subjectId: comment.nodeId });
          return 'minimized' as const;
        } catch (error) {
          const mapped = toGitHubError(error, 'Minimizing the comment');
          if (mapped instanceof TransientGitHubError) throw mapped;
        }
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          ...repoParams(repo),
          comment_id: comment.id,
        });
        const body = data.body ?? '';
        if (!body.startsWith(OUTDATED_NOTE)) await update(repo, comment.id, OUTDATED_NOTE + body);
        return 'edited' as const;
      }),

    addReaction: (repo, commentId, content) =>
      githubCall(`Reacting ${content} to comment ${commentId} of ${formatRepo(repo)}`, async () => {
        await octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
          ...repoParams(repo),
          comment_id: commentId,
          content,
        });
      }),

    removeLabel: (repo, issueNumber, name) =>
      githubCall(`Removing the label ${name} from #${issueNumber} of ${formatRepo(repo)}`, async () => {
        try {
          await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
            ...repoParams(repo),
            issue_number: issueNumber,
            name,
          });
        } catch (error) {
          if (!hasStatus(error, 404)) throw error;
        }
      }),
  };
}
