/**
 * How well `benchmark.measure: instructions` sees small changes on this machine, with real processes and the real
 * counter (perf where it counts, else cachegrind): detection of injected 1/2/5/10% changes and A/A false positives,
 * pairs and wall-clock used per verdict, on a native program (bench/spin.c) and a Node one; plus the residual noise
 * of plain `node` and of `node --single-threaded --predictable`.
 *
 *   npm run bench:instructions                   # TRIALS=20 NODE_TRIALS=3 SEED=1
 *
 * Progress goes to stderr, the Markdown results to stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSettings } from '../src/benchmark/bench-settings.ts';
import { createCountingRunner } from '../src/benchmark/instructions/create-counting-runner.ts';
import { detectInstructionCounter } from '../src/benchmark/instructions/detect-instruction-counter.ts';
import { NODE_DETERMINISTIC_FLAGS } from '../src/benchmark/instructions/deterministic-runtime.ts';
import { median } from '../src/benchmark/stats/descriptive-statistics.ts';
import { WHOLE_RUN } from '../src/benchmark/observation.ts';
import { runBenchSession } from '../src/benchmark/run-bench-session.ts';
import { buildChildEnv } from '../src/benchmark/runner/build-child-env.ts';
import { runProcess } from '../src/benchmark/runner/run-process.ts';
import { createRandom } from '../src/benchmark/seeded-random.ts';
import type { Verdict } from '../src/benchmark/stats/metric-comparison.ts';
import { buildSpinProgram } from './build-spin-program.ts';
import { formatRate } from './render-engine-results.ts';

const trials = Number(process.env.TRIALS ?? 20);
const nodeTrials = Number(process.env.NODE_TRIALS ?? 3);
const seed = Number(process.env.SEED ?? 1);
const CHANGES = [0, 0.01, 0.02, 0.05, 0.1] as const;
/** Spin iterations: ~8M instructions, a fraction of a second under cachegrind. */
const SPIN_ITERATIONS = 1_000_000;
/** Loop iterations of the Node program: its work is then of the order of Node's own start-up. */
const NODE_ITERATIONS = 5_000_000;

/** Reads ./factor like spin.c, then runs a loop the JIT cannot remove. */
const NODE_PROGRAM = `const fs = require('node:fs');
const n = Math.floor(Number(process.argv[2]) * Number(fs.readFileSync('factor', 'utf8')));
let sink = 0;
for (let i = 0; i < n; i++) sink = (sink + (i ^ (sink >>> 3))) | 0;
if (sink === 0.5) console.log(sink);
`;

interface Outcome {
  instructions: Verdict;
  change: number;
  time: Verdict;
  pairs: number;
  seconds: number;
}

const root = mkdtempSync(path.join(os.tmpdir(), 'perfbot-instructions-bench-'));
try {
  const startedAt = performance.now();
  const env = buildChildEnv(process.env);
  const spin = buildSpinProgram(root);
  const counter = await detectInstructionCounter({ run: runProcess, searchPath: env.PATH, cwd: root, env });
  console.error(`counter: ${counter.kind} (${counter.program})`);
  const nodeDir = (name: string, factor: number) => {
    const dir = spin.makeSideDir(name, factor);
    writeFileSync(path.join(dir, 'bench.js'), NODE_PROGRAM);
    return dir;
  };

  const settings = (command: string[]): BenchSettings => ({
    command,
    format: 'time',
    measure: 'instructions',
    warmup: 1,
    minPairs: 6,
    maxPairs: 20,
    timeBudgetMs: 30 * 60_000,
    timeoutMs: 120_000,
    network: { setup: 'none', command: 'none' },
    limits: {},
    env: {},
    noiseBand: 0.02,
    instructionsNoiseBand: 0.001,
    confidence: 0.95,
    regressionGate: 0.05,
    fdr: 0.05,
  });

  const programs = [
    {
      name: `native (bench/spin.c, ${SPIN_ITERATIONS} iterations)`,
      key: 'native',
      trials,
      command: [spin.binary, String(SPIN_ITERATIONS)],
      dir: spin.makeSideDir,
    },
    {
      name: `Node (a loop of ${NODE_ITERATIONS} iterations)`,
      key: 'node',
      trials: nodeTrials,
      command: ['node', 'bench.js', String(NODE_ITERATIONS)],
      dir: nodeDir,
    },
  ];
  const sections: string[] = [];
  let startupNote = '';
  for (const program of programs) {
    const base = program.dir(`${program.key}-base`, 1);
    const heads = CHANGES.map((change, i) => program.dir(`${program.key}-head-${i}`, 1 + change));
    const outcomes: Outcome[][] = CHANGES.map(() => []);
    for (let trial = 0; trial < program.trials; trial++) {
      const random = createRandom(seed * 1_000_003 + trial);
      const order = CHANGES.map((_, i) => i).sort(() => random() - 0.5);
      for (const i of order) {
        const t0 = performance.now();
        const report = await runBenchSession(
          {
            settings: settings(program.command),
            base: { ref: 'base', sha: 'base', dir: base },
            head: { ref: 'head', sha: 'head', dir: heads[i]! },
            env,
            seed: Math.floor(random() * 2 ** 31),
          },
          { runProcess, now: () => performance.now() },
        );
        const row = (metric: string) =>
          report.comparisons.find((r) => r.benchmark === WHOLE_RUN && r.metric === metric)!;
        const startup = report.method.instructions?.startup;
        if (startup)
          startupNote = `Node start-up subtracted: ${startup.base} (base), ${startup.head} (head) instructions, by \`${startup.command}\``;
        outcomes[i]!.push({
          instructions: row('instructions').verdict,
          change: row('instructions').change,
          time: row('time').verdict,
          pairs: report.method.stoppedAt,
          seconds: (performance.now() - t0) / 1000,
        });
      }
      console.error(
        `${program.key}: trial ${trial + 1}/${program.trials} done, ${((performance.now() - startedAt) / 1000).toFixed(0)} s elapsed`,
      );
    }
    sections.push(renderProgram(program.name, outcomes));
  }

  const noise = await measureNodeNoise(counter, env, nodeDir('noise', 1));
  console.log(
    [
      '## Instruction counts (npm run bench:instructions)',
      '',
      `Command: \`TRIALS=${trials} NODE_TRIALS=${nodeTrials} SEED=${seed} npm run bench:instructions\``,
      `Machine: ${os.cpus()[0]?.model.trim()} ×${os.cpus().length}, ${os.platform()} ${os.release()}, Node ${process.version}; load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      `Counter: ${counter.kind}. Settings: warmup 1, pairs 6–20 (looks 6/10/15/20), instructions noise band 0.1%, time noise band 2%, confidence 0.95. ` +
        'Each invocation is one timed run plus one counted run; wall time is judged on the timed runs of the same session (which stops when the instruction row is decided).',
      `Total time: ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
      '',
      ...sections,
      startupNote,
      '',
      noise,
    ].join('\n'),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

function renderProgram(name: string, outcomes: Outcome[][]): string {
  const lines = [
    `### ${name}`,
    '',
    '| condition | instructions: flagged | median change (instructions) | wall time: flagged | pairs used (median) | wall-clock per verdict (median) |',
    '| --- | --- | --: | --- | --: | --: |',
  ];
  CHANGES.forEach((change, i) => {
    const runs = outcomes[i]!;
    const isFlagged = (verdict: Verdict) =>
      change === 0 ? verdict === 'slower' || verdict === 'faster' : verdict === 'slower';
    const label = change === 0 ? 'A/A (false positives)' : `+${Math.round(change * 100)}% (detections)`;
    lines.push(
      `| ${label} | ${formatRate(runs.filter((o) => isFlagged(o.instructions)).length, runs.length)} | ${(median(runs.map((o) => o.change)) * 100).toFixed(3)}% | ` +
        `${formatRate(runs.filter((o) => isFlagged(o.time)).length, runs.length)} | ${median(runs.map((o) => o.pairs))} | ${median(runs.map((o) => o.seconds)).toFixed(1)} s |`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** Counts the same Node program RUNS times, plain and with the deterministic flags: the spread that is left. */
async function measureNodeNoise(
  counter: Awaited<ReturnType<typeof detectInstructionCounter>>,
  env: Record<string, string>,
  dir: string,
): Promise<string> {
  const runs = Number(process.env.NOISE_RUNS ?? 5);
  const count = createCountingRunner(runProcess, counter);
  const lines = [
    `### Residual noise of Node instruction counts (${runs} runs each, the same program)`,
    '',
    '| node flags | min | max | (max − min) / min |',
    '| --- | --: | --: | --: |',
  ];
  for (const flags of [[], [...NODE_DETERMINISTIC_FLAGS]]) {
    const counts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await count({
        command: ['node', ...flags, 'bench.js', String(NODE_ITERATIONS)],
        cwd: dir,
        env,
        timeoutMs: 120_000,
      });
      if (result.instructions === undefined) throw new Error(`not counted: ${result.countProblem}`);
      counts.push(result.instructions);
    }
    const min = Math.min(...counts);
    const max = Math.max(...counts);
    lines.push(
      `| ${flags.length === 0 ? '(none)' : `\`${flags.join(' ')}\``} | ${min} | ${max} | ${((max - min) / min).toExponential(2)} |`,
    );
    console.error(`noise ${flags.join(' ') || 'plain'}: ${counts.join(', ')}`);
  }
  return lines.join('\n');
}
