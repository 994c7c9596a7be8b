import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '../workspace/run-git.ts';
import { runLocalOptimize } from '../optimize/local/run-local-optimize.ts';
import { terminalState } from '../pipeline/pipeline-state.ts';
import { createSandbox } from '../sandbox/create-sandbox.ts';
import { describeProgress } from './run-optimize-command.ts';
import { UsageError } from '../domain/errors.ts';
import { createDemoRepo } from '../demo/create-demo-repo.ts';
import { checkDemoReport } from '../demo/check-demo-report.ts';
import { renderBenchReport } from '../reports/bench-report/render-bench-report.ts';
import type { CliIo } from './cli-io.ts';
import { benchLocalRepo } from './run-bench-command.ts';

/**
 * `perfbot demo`: the main job on an embedded example — no GitHub, no Redis, no network. Exits 0 when the
 * engine found what was planted (sort slower, the others not flagged), 1 otherwise.
 */
export async function runDemoCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length === 1 && args[0] === '--optimize') return runDemoOptimize(io);
  if (args.length > 0) throw new UsageError(`demo: takes no arguments but --optimize, got "${args.join(' ')}"`);
  const repo = await createDemoRepo();
  try {
    io.stderr(
      `[perfbot] demo repository: ${repo.dir}\n[perfbot] base = main (${repo.baseSha.slice(0, 7)}), head = slow-sort (${repo.headSha.slice(0, 7)}): \`sort\` does ~40% more work, \`parse\` and \`hash\` are unchanged.\n`,
    );
    const report = await benchLocalRepo(
      { repo: repo.dir, base: 'main', head: 'slow-sort', seed: randomInt(2 ** 31) },
      io,
    );
    io.stdout(`${renderBenchReport(report)}\n`);
    const problems = checkDemoReport(report);
    if (problems.length > 0) {
      io.stderr(
        `[perfbot] demo: the report is not what the planted change should give:\n${problems.map((p) => `  - ${p}`).join('\n')}\n(The machine may be very noisy; run it again.)\n`,
      );
      return 1;
    }
    io.stderr('[perfbot] demo: the planted slowdown was found and nothing else was flagged.\n');
    return 0;
  } finally {
    await rm(repo.dir, { recursive: true, force: true });
  }
}

const DEMO_AGENT = path.resolve(import.meta.dirname, '../demo/demo-agent.mjs');

/**
 * `perfbot demo --optimize`: the whole optimize loop on the demo repository's slow `sort`, run locally with a
 * scripted demo agent (a fixed program, not an AI, and said so everywhere it speaks): every phase, the artifacts
 * in bots/, the reviews, the commit on perf/<task> with its message, the final report. Exits 0 when it committed.
 */
async function runDemoOptimize(io: CliIo): Promise<number> {
  const repo = await createDemoRepo();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'perfbot-demo-optimize-'));
  try {
    const agentsConfig = path.join(scratch, 'agents.yml');
    await writeFile(
      agentsConfig,
      `agents:\n  demo:\n    type: command\n    command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(DEMO_AGENT)}]\n    network: none\n    timeoutMinutes: 2\ndefault: demo\n`,
    );
    io.stderr(
      `[perfbot] demo repository: ${repo.dir}, optimizing branch slow-sort (${repo.headSha.slice(0, 7)})\n` +
        "[perfbot] the agent is a SCRIPTED DEMO, not an AI: it knows the demo's slow spot (src/sort.mjs). Everything else is the real loop:\n" +
        '[perfbot] measured baseline, verification against it on fresh trees, nine reviewers, a commit built from the validated patch.\n',
    );
    const result = await runLocalOptimize({
      repo: repo.dir,
      head: 'slow-sort',
      maxIterations: 2,
      agentsConfigFile: agentsConfig,
      stateDir: path.join(scratch, 'state'),
      fresh: true,
      seed: randomInt(2 ** 31),
      env: process.env,
      sandbox: createSandbox({ mode: 'auto', warn: (message) => io.stderr(`[perfbot] ${message}\n`) }),
      onProgress: (event) => io.stderr(describeProgress(event)),
    });
    if (result.finalReport !== undefined) io.stdout(`${result.finalReport}\n`);
    const { state } = result;
    io.stdout(`Artifacts (bots/): ${(await listArtifacts(result.artifactsDir)).join(', ')}\n`);
    if (terminalState(state) !== 'completed' || state.commitSha === undefined) {
      io.stderr(
        `[perfbot] demo --optimize: the run stopped at ${state.phase} without a commit${state.stop ? ` (${state.stop.reason})` : ''}. The machine may be very noisy; run it again.\n`,
      );
      return 1;
    }
    const message = await runGit({ cwd: repo.dir, args: ['log', '-1', '--format=%B', state.commitSha] });
    io.stdout(`\nCommit ${state.commitSha.slice(0, 7)} on ${state.branch}:\n\n${message.trim()}\n`);
    io.stderr('[perfbot] demo --optimize: the loop fixed the slow sort and committed it with its measured figures.\n');
    return 0;
  } finally {
    await rm(repo.dir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}

async function listArtifacts(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => !name.endsWith('.tmp')).sort();
}
