import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderPatchComment, type PatchCommentInput } from '../../../src/optimize/github/render-patch-comment.ts';

const run = promisify(execFile);

/** A `git format-patch` of a commit that changes a Markdown file with a code fence, so the patch holds backticks. */
const PATCH = `From ${'d'.repeat(40)} Mon Sep 17 00:00:00 2001
From: Perfbot <perfbot@users.noreply.github.com>
Date: Thu, 1 May 2025 11:00:00 +0000
Subject: [PATCH] perf: optimize src/parse.ts

Improvements:
- Speed (parse): 12.3 ms → 8.10 ms (34.1% faster)
- Memory: 75.0 MiB → 60.0 MiB (20.0% reduction)
---
 README.md | 4 ++--
 1 file changed, 2 insertions(+), 2 deletions(-)

diff --git a/README.md b/README.md
index 1111111..2222222 100644
--- a/README.md
+++ b/README.md
@@ -1,4 +1,4 @@
 # parser
 \`\`\`\`js
-parse(slowly)
+parse(fast)
 \`\`\`\`
-- old note
+- new note @octocat <b>x</b>
`;

const INPUT: PatchCommentInput = {
  patch: PATCH,
  message:
    'perf: optimize src/parse.ts\n\nImprovements:\n- Speed (parse): 12.3 ms → 8.10 ms (34.1% faster)\n- Memory: 75.0 MiB → 60.0 MiB (20.0% reduction)',
  repo: { owner: 'acme', name: 'parser' },
  pull: { number: 127, headRepoFullName: 'mallory/parser' },
  startSha: 'a'.repeat(40),
  commentId: 4242,
  artifact: { name: 'bots/fork-patch.patch', runId: 'run-optimize-1-pull127-aaaaaaaaaaaa-1' },
};

/** What the comment's own `awk` step gets out of `body` (as after `gh api … --jq .body`). */
async function extract(body: string): Promise<string> {
  const awk = /\| (awk '.*' )> perfbot\.patch$/m.exec(body)?.[1];
  if (awk === undefined) throw new Error('no awk step');
  const child = run('sh', ['-c', awk]);
  child.child.stdin?.end(body);
  return (await child).stdout;
}

describe('renderPatchComment', () => {
  it('posts the patch byte for byte in a diff block no line of it can close, with the figures and how to apply it', async () => {
    const body = renderPatchComment(INPUT);
    expect(body).toContain(
      'This pull request comes from a fork (`mallory/parser`), so Perfbot pushed nothing to acme/parser and opened no pull request',
    );
    expect(body).toContain('on top of `aaaaaaa` (the head of #127 when the run started)');
    expect(body).toContain(
      '```text\nperf: optimize src/parse.ts\n\nImprovements:\n- Speed (parse): 12.3 ms → 8.10 ms (34.1% faster)\n',
    );
    // The patch holds a run of four backticks: its fence has five, and the shell block around the awk six.
    expect(body).toContain('<details><summary>The patch (1 file, +2 −2)</summary>\n\n`````diff\nFrom dddd');
    expect(body).toContain(
      '``````sh\n# save the patch below as perfbot.patch, or fetch it from this comment with the GitHub CLI:\n' +
        "gh api repos/acme/parser/issues/comments/4242 --jq .body \\\n  | awk '/^`````diff$/ { p = 1; next } /^`````$/ { p = 0 } p' > perfbot.patch\n" +
        "git am perfbot.patch    # one commit, with Perfbot's message and figures (or: git apply perfbot.patch, to commit it yourself)\ngit push\n``````",
    );
    expect(await extract(`<!-- perfbot:patch-x -->\n${body}`)).toBe(PATCH);
    expect(body).not.toContain('[!WARNING]');
    expect(body).not.toContain('[!CAUTION]');
    expect(body.endsWith('</details>\n')).toBe(true);
  });

  it('before its id is known, says to copy the block (no gh command); a deleted fork is named as such', () => {
    const { commentId: _id, ...withoutId } = INPUT;
    const body = renderPatchComment({ ...withoutId, pull: { number: 127, headRepoFullName: null } });
    expect(body).toContain(
      'This pull request comes from a fork that has since been deleted, so Perfbot pushed nothing',
    );
    expect(body).toContain('```sh\n# save the patch below as perfbot.patch\ngit am perfbot.patch');
    expect(body).not.toContain('gh api');
  });

  it('shows untrusted names only as code, never in a command', () => {
    const body = renderPatchComment({ ...INPUT, pull: { number: 127, headRepoFullName: 'm`a/$(rm -rf ~)' } });
    expect(body).toContain('a fork (`` m`a/$(rm -rf ~) ``)');
    const shell = body.slice(body.indexOf('``````sh'), body.indexOf('``````', body.indexOf('``````sh') + 6));
    expect(shell).not.toContain('rm -rf');
  });

  it('warns about characters a reader cannot see, and keeps them (the patch must apply)', () => {
    const hidden = PATCH.replace('+parse(fast)', '+parse(fast)\u202e // ;)');
    const body = renderPatchComment({ ...INPUT, patch: hidden });
    expect(body).toContain('> [!CAUTION]\n> About this patch: it contains invisible or direction-changing characters');
    expect(body).toContain('+parse(fast)\u202e // ;)');
  });

  it('never posts a cut patch as if whole: too long for a comment, it says so, shows whole lines marked cut, and where the patch is', () => {
    const long = PATCH + Array.from({ length: 400 }, (_, i) => `+line ${i} ${'x'.repeat(60)}`).join('\n') + '\n';
    const body = renderPatchComment({ ...INPUT, patch: long, maxLength: 12_000 });
    expect(body.length).toBeLessThanOrEqual(12_000);
    expect(body).toMatch(
      /> \[!WARNING\]\n> The patch is \d+,\d{3} characters long, more than a GitHub comment holds, so only its first \d+ lines are shown below\./,
    );
    expect(body).toContain('**A cut patch does not apply: do not copy it.**');
    expect(body).toContain(
      'as `bots/fork-patch.patch` of run `run-optimize-1-pull127-aaaaaaaaaaaa-1`: ask a maintainer of this repository',
    );
    expect(body).not.toContain('gh api');
    expect(body).not.toContain('```diff');
    const shown =
      /<details><summary>The start of the patch \((\d+) lines, cut\)<\/summary>\n\n(`+)text\n([\s\S]*?)\n\2\n/.exec(
        body,
      );
    expect(shown).not.toBeNull();
    const lines = (shown?.[3] ?? '').split('\n');
    expect(lines.length).toBe(Number(shown?.[1]));
    expect(long.startsWith(`${lines.join('\n')}\n`)).toBe(true);
    expect(lines.length).toBeLessThan(long.split('\n').length - 1);
  });

  it('cut, it still fits and still warns about what the hidden part holds', () => {
    const tail = `+${'`'.repeat(30)}\n+hidden\u202e\n`;
    const long = PATCH + `+${'z'.repeat(70)}\n`.repeat(300) + tail;
    for (const maxLength of [8_000, 12_000, 20_000]) {
      const body = renderPatchComment({ ...INPUT, patch: long, maxLength });
      expect(body.length).toBeLessThanOrEqual(maxLength);
      expect(body).toContain(
        '> [!CAUTION]\n> About this patch: it contains invisible or direction-changing characters',
      );
      expect(body).not.toContain('hidden\u202e');
    }
  });

  it('fits GitHub’s limit by default', () => {
    const huge = PATCH + `+${'y'.repeat(100)}\n`.repeat(2_000);
    const body = renderPatchComment({ ...INPUT, patch: huge });
    expect(body.length).toBeLessThanOrEqual(65_536 - 1_000);
    expect(body).toContain('The start of the patch');
  });
});
