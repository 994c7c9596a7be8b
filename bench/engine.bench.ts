/**
 * Benchmarks the comparison engine itself on this machine, with real processes: false positives (A/A),
 * detection of injected 2/5/10% slowdowns and the runs needed, for Perfbot's adaptive paired design and a
 * hyperfine-style unpaired 10+10 / 20+20 design side by side, plus the engine's per-run overhead.
 *
 *   npm run bench:engine                       # TRIALS=45 FORMAT=time LOOP_MS=10 SEED=1
 *   TRIALS=100 FORMAT=bmf npm run bench:engine # bmf: the program prints its own loop time
 *
 * Progress goes to stderr, the Markdown results to stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSettings } from '../src/benchmark/bench-settings.ts';
import { median } from '../src/benchmark/stats/descriptive-statistics.ts';
import { planLooks } from '../src/benchmark/plan-looks.ts';
import { buildChildEnv } from '../src/benchmark/runner/build-child-env.ts';
import { runProcess } from '../src/benchmark/runner/run-process.ts';
import { createRandom } from '../src/benchmark/seeded-random.ts';
import { sequentialBoundaries } from '../src/benchmark/stats/sequential-boundaries.ts';
import { buildSpinProgram } from './build-spin-program.ts';
import { calibrateSpin } from './calibrate-spin.ts';
import type { ConditionResults } from './engine-results.ts';
import { renderEngineResults } from './render-engine-results.ts';
import { runPerfbotDesign, runUnpairedDesigns, type TrialSetup } from './run-engine-trial.ts';
import { timeBareSpawn } from './time-bare-spawn.ts';

const trials = Number(process.env.TRIALS ?? 45);
const format = process.env.FORMAT === 'bmf' ? 'bmf' : 'time';
const loopMs = Number(process.env.LOOP_MS ?? 10);
const seed = Number(process.env.SEED ?? 1);
const CHANGES = [0, 0.02, 0.05, 0.1] as const;

const root = mkdtempSync(path.join(os.tmpdir(), 'perfbot-engine-bench-'));
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
    format,
    loopMs,
  );
  const command =
    format === 'bmf'
      ? [program.binary, String(calibration.iterations), 'bmf']
      : [program.binary, String(calibration.iterations)];
  const settings: BenchSettings = {
    command,
    format,
    warmup: 1,
    minPairs: 6,
    maxPairs: 20,
    timeBudgetMs: 10 * 60_000,
    timeoutMs: 30_000,
    network: { setup: 'none', command: 'none' },
    limits: {},
    env: {},
    noiseBand: 0.02,
    confidence: 0.95,
    regressionGate: 0.05,
    fdr: 0.05,
  };
  const setup: TrialSetup = { settings, runProcess, env, format, command };
  const conditions = CHANGES.map((change) => ({
    name: change === 0 ? 'A/A (1.00 vs 1.00)' : `+${Math.round(change * 100)}% slowdown`,
    change,
    factor: change === 0 ? 1 : calibration.factorFor(change),
  }));
  const dirs = conditions.map((c, i) => ({ base: baseDir, head: program.makeSideDir(`head-${i}`, c.factor) }));
  const results: ConditionResults[] = conditions.map((c) => ({
    name: c.name,
    change: c.change,
    perfbot: [],
    unpaired: [],
  }));
  const bareSpawnNs: number[] = [];
  console.error(
    `spin: ${calibration.iterations} iterations, measured ${(calibration.totalNs / 1e6).toFixed(2)} ms of which ${(calibration.fixedNs / 1e6).toFixed(2)} ms fixed; ` +
      `head factors ${conditions.map((c) => c.factor.toFixed(4)).join(', ')}; format ${format}; ${trials} trials`,
  );

  for (let trial = 0; trial < trials; trial++) {
    const random = createRandom(seed * 1_000_003 + trial);
    // Conditions and designs in a fresh random order each trial, so slow machine phases hit all of them alike.
    const order = conditions.map((_, i) => i).sort(() => random() - 0.5);
    for (const i of order) {
      const trialSeed = Math.floor(random() * 2 ** 31);
      const tasks = [
        async () => results[i]!.perfbot.push(await runPerfbotDesign(setup, dirs[i]!, trialSeed)),
        async () => results[i]!.unpaired.push(await runUnpairedDesigns(setup, dirs[i]!, trialSeed)),
      ];
      if (random() < 0.5) tasks.reverse();
      for (const task of tasks) await task();
    }
    for (let k = 0; k < 4; k++) bareSpawnNs.push(await timeBareSpawn(command, baseDir, env));
    const elapsed = (performance.now() - startedAt) / 1000;
    const eta = (elapsed / (trial + 1)) * (trials - trial - 1);
    console.error(`trial ${trial + 1}/${trials} done, ${elapsed.toFixed(0)} s elapsed, ~${eta.toFixed(0)} s left`);
  }

  const looks = planLooks(settings.minPairs, settings.maxPairs);
  const boundaryTimes = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    sequentialBoundaries(looks, 1 - settings.confidence);
    return (performance.now() - t0) * 1e6;
  });
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    [
      `## Engine (npm run bench:engine)`,
      '',
      `Command: \`TRIALS=${trials} FORMAT=${format} LOOP_MS=${loopMs} SEED=${seed} npm run bench:engine\``,
      `Machine: ${os.cpus()[0]?.model.trim()} ×${os.cpus().length}, ${os.platform()} ${os.release()}, Node ${process.version}; load average at the end ${load}`,
      `Program: spin ${calibration.iterations} iterations ≈ ${(calibration.totalNs / 1e6).toFixed(2)} ms measured (${(calibration.fixedNs / 1e6).toFixed(2)} ms of it fixed start-up); ` +
        `head factors ${conditions.map((c) => `${c.name}: ${c.factor.toFixed(4)}`).join(', ')}`,
      `Settings: warmup 1, pairs 6–20 (looks ${looks.join('/')}), noise band 2%, confidence 0.95, FDR 0.05; unpaired: Welch on log times, α = 0.05, same band rule`,
      `Total time: ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
      '',
      renderEngineResults({
        conditions: results,
        looks,
        warmup: settings.warmup,
        bareSpawnNs,
        noiseBand: settings.noiseBand,
        boundariesNs: median(boundaryTimes),
      }),
    ].join('\n'),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
