import type { RepoRef } from './github-client.ts';
import { repoParams, toId, type OctokitRequester } from './github-call.ts';

const PAGE_SIZE = 100;
/** 100 pages of 100: far beyond any real thread, but a bound so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 100;

export interface MarkedComment {
  id: number;
  nodeId: string;
  url: string;
  body: string;
}

/**
 * The first comment on the issue that contains `hiddenMarker` and was written by us (`isOurs`), reading every
 * page of comments: busy pull requests have more than 100. Someone quoting our comment copies the marker,
 * which is why the author is checked too.
 */
export async function findMarkedComment(
  octokit: OctokitRequester,
  repo: RepoRef,
  issueNumber: number,
  hiddenMarker: string,
  isOurs: (author: { login: string; type: string } | null) => boolean,
): Promise<MarkedComment | null> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repoParams(repo),
      issue_number: issueNumber,
      per_page: PAGE_SIZE,
      page,
    });
    const found = data.find((c) => (c.body ?? '').includes(hiddenMarker) && isOurs(c.user ?? null));
    if (found) return { id: toId(found.id), nodeId: found.node_id, url: found.html_url, body: found.body ?? '' };
    if (data.length < PAGE_SIZE) return null;
  }
  return null;
}
