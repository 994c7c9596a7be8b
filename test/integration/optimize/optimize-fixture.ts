/**
 * A repository with a known slow function for the optimize tests, and an operator config whose one agent plays
 * every role with the scripted fixtures (see fixtures/scripted-agent.mjs). The slow code follows the
 * convention of test/fixtures/agents/target-file.mjs: the `PERFBOT-SLOW` region, its `PERFBOT-FAST`
 * replacement and a `PERFBOT-BROKEN` one that is fast and wrong.
 */
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTempDir, createTempRepo, writeFiles, type TempRepo } from '../../helpers/git-fixtures.ts';

const SLOW_JS = `// Sum of the prefix sums of a list of numbers.
function slowSum(values) {
  // PERFBOT-SLOW-START
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    let prefix = 0;
    for (let j = 0; j <= i; j++) prefix += values[j];
    total += prefix;
  }
  return total;
  // PERFBOT-SLOW-END
}
/* PERFBOT-FAST
  let total = 0;
  let prefix = 0;
  for (let i = 0; i < values.length; i++) {
    prefix += values[i];
    total += prefix;
  }
  return total;
*/
/* PERFBOT-BROKEN
  return values.length;
*/
module.exports = { slowSum };
`;

const TEST_JS = `const assert = require('node:assert');
const { slowSum } = require('./src/slow.js');
assert.strictEqual(slowSum([1, 2, 3, 4]), 20);
assert.strictEqual(slowSum([]), 0);
console.log('tests passed');
`;

/** BMF output: the median of 5 timed calls on 2,000 numbers (quadratic: ~2M additions; linear: ~2k). */
const BENCH_JS = `const { slowSum } = require('./src/slow.js');
const values = Array.from({ length: 2000 }, (_, i) => i % 13);
const samples = [];
for (let r = 0; r < 5; r++) {
  const start = process.hrtime.bigint();
  slowSum(values);
  samples.push(Number(process.hrtime.bigint() - start));
}
samples.sort((a, b) => a - b);
console.log(JSON.stringify({ slowSum: { latency: { value: samples[2] } } }));
`;

const PERF_YML = `benchmark:
  command: ["node", "bench.js"]
  format: bmf
  runs: 6
  warmup: 0
test:
  command: ["node", "test.js"]
optimize:
  maxIterations: 2
  allowedPaths: ["src/**"]
`;

export interface OptimizeFixture {
  repo: TempRepo;
  /** The starting commit. */
  start: string;
  /** The default task id of a run on it. */
  task: string;
  /** Operator config file for the agent plan. */
  agentsConfig: string;
  /** Where the scripted agents log each call (`SCRIPTED_LOG`). */
  log: string;
  /** `{ PATH, HOME, SCRIPTED_LOG }`: the operator environment of a run. */
  env: Record<string, string>;
  /** The run's folder under `.git/perfbot/runs/`. */
  runDir: string;
  /** Roles of the logged agent calls, in order (`reviewer:code`…). */
  calls(): Promise<string[]>;
  /** The prompt of the n-th logged call (1-based). Concurrent reviewers can share a number: see `promptsOf`. */
  prompt(call: number): Promise<string>;
  /** Every saved prompt of one role, in no particular order. */
  promptsOf(role: string): Promise<string[]>;
}

/** Which scripted fixture plays each role (comma-separated sequences, see scripted-agent.mjs). */
export interface AgentPlan {
  analyzer?: string;
  optimizer: string;
  reviewer?: string;
  /** Replaces the fixture's `.github/perf.yml`. */
  perfYml?: string;
  /** More files of the starting commit (or replacements of the fixture's own). */
  files?: Record<string, string>;
  /** Fixture files to leave out of the starting commit (`test.js` when the tests live elsewhere). */
  omit?: string[];
}

/** The fixture's perf.yml, for tests that change one part of it. */
export const FIXTURE_PERF_YML = PERF_YML;

const DISPATCHER = fileURLToPath(new URL('./fixtures/scripted-agent.mjs', import.meta.url));
/** The test folder: the dispatcher runs scripts from several of its fixture folders. */
const AGENT_FIXTURES = fileURLToPath(new URL('../..', import.meta.url));

export async function createOptimizeFixture(plan: AgentPlan): Promise<OptimizeFixture> {
  const files: Record<string, string> = {
    'src/slow.js': SLOW_JS,
    'test.js': TEST_JS,
    'bench.js': BENCH_JS,
    '.github/perf.yml': plan.perfYml ?? PERF_YML,
    'package-lock.json': '{}\n',
    'README.md': '# demo\n',
    ...plan.files,
  };
  for (const name of plan.omit ?? []) delete files[name];
  const repo = await createTempRepo({ files });
  // Agent configuration and an executable hook, as real repositories have: restoring them before each agent
  // run must not look like a change (a mode change of the hook would be rejected in every iteration).
  await writeFiles(repo.dir, { 'CLAUDE.md': '# Notes for agents\n', '.husky/pre-commit': '#!/bin/sh\nexit 0\n' });
  await chmod(path.join(repo.dir, '.husky/pre-commit'), 0o755);
  await repo.git('add', '--all');
  await repo.git('commit', '--quiet', '-m', 'agent notes and hook');
  const start = await repo.git('rev-parse', 'HEAD');
  const dir = await createTempDir('perfbot-optimize-');
  const log = path.join(dir, 'agents.log');
  const agentsConfig = path.join(dir, 'agents.yml');
  const argv = [
    process.execPath,
    DISPATCHER,
    `analyzer=${plan.analyzer ?? 'analyzer-basic'}`,
    `optimizer=${plan.optimizer}`,
    `reviewer=${plan.reviewer ?? 'reviewer-clean'}`,
  ];
  await writeFile(
    agentsConfig,
    [
      'agents:',
      '  scripted:',
      '    type: command',
      `    command: ${JSON.stringify(argv)}`,
      '    timeoutMinutes: 1',
      '    env: [SCRIPTED_LOG]',
      // The sandbox shows the agent only its worktree: the scripts it dispatches to, and the log the tests read.
      `    readOnly: ${JSON.stringify([AGENT_FIXTURES])}`,
      `    writable: ${JSON.stringify([dir])}`,
      '    network: none',
      '',
    ].join('\n'),
  );
  const task = `optimize-${start.slice(0, 7)}`;
  return {
    repo,
    start,
    task,
    agentsConfig,
    log,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SCRIPTED_LOG: log },
    runDir: path.join(repo.dir, '.git', 'perfbot', 'runs', task),
    calls: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean),
    promptsOf: async (role) => {
      const names = (await readdir(dir)).filter((file) => file.startsWith('agents.log.') && file.includes(`.${role}.`));
      return Promise.all(names.map((name) => readFile(path.join(dir, name), 'utf8')));
    },
    prompt: async (call) => {
      const name = (await readdir(dir)).find((file) => file.startsWith(`agents.log.${call}.`));
      if (name === undefined) throw new Error(`no prompt saved for call ${call}`);
      return readFile(path.join(dir, name), 'utf8');
    },
  };
}

/** The files of the fixture's starting commit, to seed an app harness's repository with the same project. */
export async function startingFiles(fixture: Pick<OptimizeFixture, 'repo'>): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of (await fixture.repo.git('ls-files')).split('\n').filter(Boolean)) {
    files[file] = `${await fixture.repo.git('show', `HEAD:${file}`)}\n`;
  }
  return files;
}
