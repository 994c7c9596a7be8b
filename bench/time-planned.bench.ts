/**
 * "A 5% change on a 15 ms program within a 60 s budget": today's fixed schedule (looks 6/10/15/20) against the
 * time-planned one (looks planned after the first 6 pairs to fill the budget, up to 500 pairs), side by side in
 * one run, on the same program, with real processes (no sandbox: the engine alone), A/A as the control.
 *
 *   npm run bench:time-planned                    # TRIALS=10 LOOP_MS=15 BUDGET_S=60 SEED=1
 *
 * Progress goes to stderr, the Markdown results to stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSettings } from '../src/benchmark/bench-settings.ts';
import { median } from '../src/benchmark/stats/descriptive-statistics.ts';
import { buildChildEnv } from '../src/benchmark/runner/build-child-env.ts';
import { runProcess } from '../src/benchmark/runner/run-process.ts';
import { createRandom } from '../src/benchmark/seeded-random.ts';
import { buildSpinProgram } from './build-spin-program.ts';
import { calibrateSpin } from './calibrate-spin.ts';
import { formatRate } from './render-engine-results.ts';
import { runPerfbotDesign, type PerfbotOutcome, type TrialSetup } from './run-engine-trial.ts';

const trials = Number(process.env.TRIALS ?? 10);
const loopMs = Number(process.env.LOOP_MS ?? 15);
const budgetS = Number(process.env.BUDGET_S ?? 60);
const seed = Number(process.env.SEED ?? 1);

const root = mkdtempSync(path.join(os.tmpdir(), 'perfbot-time-planned-bench-'));
try {
  const startedAt = performance.now();
  const program = buildSpinProgram(root);
  const env = buildChildEnv(process.env);
  const baseDir = program.makeSideDir('base', 1);
  const calibration = await calibrateSpin(
    runProcess,
    program.binary,
    { zero: program.makeSideDir('zero', 0), one: baseDir },
    env,
    'time',
    loopMs,
  );
  const command = [program.binary, String(calibration.iterations)];
  const common: BenchSettings = {
    command,
    format: 'time',
    warmup: 1,
    minPairs: 6,
    maxPairs: 20,
    timeBudgetMs: budgetS * 1000,
    timeoutMs: 30_000,
    network: { setup: 'none', command: 'none' },
    limits: {},
    env: {},
    noiseBand: 0.02,
    confidence: 0.95,
    regressionGate: 0.05,
    fdr: 0.05,
  };
  const schedules = [
    { name: 'fixed 6/10/15/20', settings: common },
    { name: 'time-planned (≤ 500)', settings: { ...common, maxPairs: 500, planByTime: true } },
  ];
  const conditions = [
    { name: 'A/A', change: 0, head: baseDir },
    { name: '+5% slowdown', change: 0.05, head: program.makeSideDir('head-5', calibration.factorFor(0.05)) },
  ];
  const outcomes = new Map<string, PerfbotOutcome[]>();
  const wallMs = new Map<string, number[]>();
  console.error(
    `spin: ${calibration.iterations} iterations ≈ ${(calibration.totalNs / 1e6).toFixed(2)} ms; ${trials} trials; budget ${budgetS} s`,
  );
  for (let trial = 0; trial < trials; trial++) {
    const random = createRandom(seed * 1_000_003 + trial);
    // Every cell once per trial, in a fresh random order, so a slow phase of the machine hits them alike.
    const cells = schedules.flatMap((s) => conditions.map((c) => ({ s, c }))).sort(() => random() - 0.5);
    for (const { s, c } of cells) {
      const key = `${c.name}|${s.name}`;
      const setup: TrialSetup = { settings: s.settings, runProcess, env, format: 'time', command };
      const t0 = performance.now();
      const outcome = await runPerfbotDesign(setup, { base: baseDir, head: c.head }, Math.floor(random() * 2 ** 31));
      (outcomes.get(key) ?? outcomes.set(key, []).get(key)!).push(outcome);
      (wallMs.get(key) ?? wallMs.set(key, []).get(key)!).push(performance.now() - t0);
    }
    console.error(`trial ${trial + 1}/${trials}, ${((performance.now() - startedAt) / 1000).toFixed(0)} s elapsed`);
  }
  const rows = conditions.flatMap((c) =>
    schedules.map((s) => {
      const list = outcomes.get(`${c.name}|${s.name}`) ?? [];
      const hits = list.filter((o) =>
        c.change === 0 ? o.verdict === 'slower' || o.verdict === 'faster' : o.verdict === 'slower',
      ).length;
      const stops = ['decided', 'max-runs', 'time-budget']
        .map((r) => list.filter((o) => o.stopReason === r).length)
        .join(' / ');
      const noise = median(list.map((o) => o.noise));
      const wall = median(wallMs.get(`${c.name}|${s.name}`) ?? []);
      return `| ${c.name} | ${s.name} | ${formatRate(hits, list.length)} | ${median(list.map((o) => o.stoppedAt))} | ${(wall / 1000).toFixed(1)} s | ${stops} | ${(noise * 100).toFixed(1)}% |`;
    }),
  );
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    [
      `## Time-planned looks (npm run bench:time-planned)`,
      '',
      `Command: \`TRIALS=${trials} LOOP_MS=${loopMs} BUDGET_S=${budgetS} SEED=${seed} npm run bench:time-planned\``,
      `Machine: ${os.cpus()[0]?.model.trim()} ×${os.cpus().length}, ${os.platform()} ${os.release()}, Node ${process.version}; load average at the end ${load}`,
      `Program: spin ${calibration.iterations} iterations ≈ ${(calibration.totalNs / 1e6).toFixed(2)} ms measured; warm-up 1, noise band 2%, confidence 0.95, budget ${budgetS} s, no sandbox`,
      `Total time: ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
      '',
      '| condition | schedule | flagged (A/A: any change; +5%: `slower`), Wilson 95% | median pairs | median wall-clock | stop: decided / last look / budget | median c_d |',
      '|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
