import { renderCommit } from './markdown.ts';

export interface HeadMovedInput {
  /** The head commit pinned when the command was accepted. */
  pinned: string;
  /** The pull request's head now. */
  current: string;
  /** The command to comment again; `/perf bench` unless this was an optimization. */
  command?: '/perf bench' | '/perf optimize';
}

/**
 * Why a run stopped (or never started) because new commits were pushed: results for the pinned commit would
 * describe code that is no longer the pull request. Used as a reply and in the status comment.
 */
export function renderHeadMoved({ pinned, current, command = '/perf bench' }: HeadMovedInput): string {
  const verb = command === '/perf bench' ? 'benchmark' : 'optimize';
  return (
    `⚠️ **Stopped: the pull request's head moved** from ${renderCommit(pinned)} to ${renderCommit(current)} ` +
    `after the command was accepted, so the results would describe an outdated commit. ` +
    `Comment \`${command}\` again to ${verb} the new head.`
  );
}
