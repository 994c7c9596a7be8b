import type { RepoRef } from '../../github/github-client.ts';
import { fenceFor, hasInvisibleCharacters } from '../../domain/untrusted-text.ts';
import { codeSpan, fenceUntrusted, renderCodeBlock, renderDetails } from '../../reports/markdown.ts';

/** GitHub refuses a comment body longer than this (characters). */
export const COMMENT_LIMIT = 65_536;
/** Room kept for the hidden marker `upsertComment` prepends and for redaction. */
const RESERVED = 1_000;

export interface PatchCommentInput {
  /** The commit as `git format-patch` prints it: applies with `git am` and with `git apply`. */
  patch: string;
  /** The commit's message: the speed and memory figures. */
  message: string;
  /** The base repository (where the comment is); its owner and name are safe in a shell command. */
  repo: RepoRef;
  pull: { number: number; headRepoFullName: string | null };
  /** The commit the patch applies to: the PR's head when the run started. */
  startSha: string;
  /**
   * This comment's id once it exists: the instructions then fetch the patch from it with `gh` (by id, so no
   * other comment, however it is written, can be fetched instead). Before that, they say to copy the block.
   */
  commentId?: number;
  /** Where the full patch is kept on the worker (`bots/fork-patch.patch` of run `<runId>`). */
  artifact: { name: string; runId: string };
  /** Longest body (before the marker); default GitHub's limit minus room for the marker. */
  maxLength?: number;
}

/** What a file name the contributor saves the patch under, and runs git on, is called. */
const FILE = 'perfbot.patch';

/**
 * The comment that delivers a fork pull request's optimization: why nothing was pushed, the figures (the
 * commit message, shown as text), how to apply the patch, and the patch itself, byte for byte, in a ```diff
 * block whose fence no line of it can close (so `gh api … | awk` gets it back exactly). A patch too long for
 * one comment is never posted whole or silently cut: the comment says so, shows its start marked as not
 * applicable, and says where the full patch is. Untrusted names appear only in code spans, never in commands.
 * Ends with a newline.
 */
export function renderPatchComment(input: PatchCommentInput): string {
  const maxLength = input.maxLength ?? COMMENT_LIMIT - RESERVED;
  const patch = input.patch.replace(/\n$/, '');
  // About the whole patch, also when only its start is shown: the full file is what gets applied.
  const warnings = patchWarnings(patch);
  const whole = render(input, patch, warnings, undefined);
  if (whole.length <= maxLength) return whole;
  // Shown as far as it fits: whole lines, counted with the comment around them.
  const lines = patch.split('\n');
  const cutView = (count: number) =>
    render(input, lines.slice(0, count).join('\n'), warnings, { shownLines: count, totalChars: patch.length });
  let budget = maxLength - cutView(0).length;
  let count = 0;
  while (count < lines.length && (lines[count] ?? '').length + 1 <= budget) {
    budget -= (lines[count] ?? '').length + 1;
    count += 1;
  }
  // The estimate ignores a longer fence and the line count's digits: drop lines until it really fits.
  let body = cutView(count);
  while (body.length > maxLength && count > 0) body = cutView((count -= 1));
  return body;
}

function render(
  input: PatchCommentInput,
  patch: string,
  warnings: string,
  cut: { shownLines: number; totalChars: number } | undefined,
): string {
  const fork =
    input.pull.headRepoFullName === null
      ? 'a fork that has since been deleted'
      : `a fork (${codeSpan(input.pull.headRepoFullName)})`;
  const start = codeSpan(input.startSha.slice(0, 7));
  const where = `${codeSpan(input.artifact.name)} of run ${codeSpan(input.artifact.runId)}`;
  const sections = [
    '### 🩹 Perfbot: the verified change, as a patch',
    `This pull request comes from ${fork}, so Perfbot pushed nothing to ${input.repo.owner}/${input.repo.name} and opened no pull request: ` +
      "a branch here would run the fork's code in this repository's CI, with its secrets. Instead, here is the change Perfbot verified, " +
      'for the author of this pull request to apply to its branch and push.',
    `Perfbot applied it on top of ${start} (the head of #${input.pull.number} when the run started), ran the tests and benchmarked it against that commit. ` +
      'The figures, as in the commit message:',
    fenceUntrusted(input.message),
  ];
  if (cut === undefined) {
    sections.push(
      '#### How to apply it',
      `In your clone, on the branch of this pull request:`,
      renderCodeBlock(commands(input, fenceFor(patch)), 'sh'),
    );
    sections.push(`If the branch moved since ${start}, \`git am -3 ${FILE}\` merges it in three ways.`);
    if (warnings !== '') sections.push(warnings);
    sections.push(renderDetails(`The patch (${describeSize(patch)})`, renderCodeBlock(patch, 'diff')));
  } else {
    sections.push(
      `> [!WARNING]\n> The patch is ${cut.totalChars.toLocaleString('en-US')} characters long, more than a GitHub comment holds, so only its first ` +
        `${cut.shownLines.toLocaleString('en-US')} lines are shown below. **A cut patch does not apply: do not copy it.** The full patch is kept with ` +
        `the run's files on the Perfbot worker, as ${where}: ask a maintainer of this repository to get it from the Perfbot operator.`,
      '#### How to apply it',
      `With the full patch saved as ${codeSpan(FILE)}, in your clone, on the branch of this pull request:`,
      renderCodeBlock(`git am ${FILE}    # or: git apply ${FILE}, to commit it yourself\ngit push`, 'sh'),
    );
    if (warnings !== '') sections.push(warnings);
    // Not a `diff` block: nothing that extracts the patch from a comment must find this one.
    sections.push(
      renderDetails(`The start of the patch (${cut.shownLines} lines, cut)`, renderCodeBlock(patch, 'text')),
    );
  }
  return `${sections.join('\n\n')}\n`;
}

/** Fetch the patch from this comment with the GitHub CLI (or copy it), apply it as one commit, push. */
function commands(input: PatchCommentInput, fence: string): string {
  const { owner, name } = input.repo;
  const fetch =
    input.commentId === undefined
      ? [`# save the patch below as ${FILE}`]
      : [
          `# save the patch below as ${FILE}, or fetch it from this comment with the GitHub CLI:`,
          `gh api repos/${owner}/${name}/issues/comments/${input.commentId} --jq .body \\`,
          `  | awk '/^${fence}diff$/ { p = 1; next } /^${fence}$/ { p = 0 } p' > ${FILE}`,
        ];
  return [
    ...fetch,
    `git am ${FILE}    # one commit, with Perfbot's message and figures (or: git apply ${FILE}, to commit it yourself)`,
    'git push',
  ].join('\n');
}

/** `1 file, +6 −4`, counted from the diff itself (numbers only: the summary is HTML). */
function describeSize(patch: string): string {
  // The diff starts at its first `diff --git`; the mail header and message before it can start with `-` too.
  const first = patch.search(/^diff --git /m);
  const lines = first < 0 ? [] : patch.slice(first).split('\n');
  const files = lines.filter((line) => line.startsWith('diff --git ')).length;
  const added = lines.filter((line) => line.startsWith('+') && !line.startsWith('+++ ')).length;
  const removed = lines.filter((line) => line.startsWith('-') && !line.startsWith('--- ')).length;
  return `${files} ${files === 1 ? 'file' : 'files'}, +${added} −${removed}`;
}

/**
 * The patch is posted exactly (it must apply), so what GitHub would not show, or might not keep, is said
 * instead of removed.
 */
function patchWarnings(patch: string): string {
  const notes: string[] = [];
  // Carriage returns get their own note below.
  if (hasInvisibleCharacters(patch.replaceAll('\r', ''))) {
    notes.push(
      'it contains invisible or direction-changing characters, which this comment shows as they are: read it in an editor that reveals them before you apply it',
    );
  }
  if (patch.includes('\r'))
    notes.push(
      'it contains carriage returns (CRLF lines); if `git am` rejects the copy from this comment, ask for the patch file',
    );
  return notes.length === 0 ? '' : `> [!CAUTION]\n> About this patch: ${notes.join('; ')}.`;
}
