/**
 * Measures what the bubblewrap sandbox costs a benchmark run, side by side with no sandbox, in one run:
 *   1. wall time of a trivial command (`/bin/true`) and of the ≈ 15 ms spin program (bench/spin.c), through
 *      `createSandbox({ mode: 'none' }).run` and `createSandbox({ mode: 'bubblewrap' }).run` (network `none`),
 *      plus `/bin/true` in bubblewrap with network `outbound` (slirp4netns start-up; nothing connects anywhere);
 *   2. the paired noise c_d of the spin program, A/A (two directories with factor 1), with and without the sandbox;
 *   3. optionally (TRIALS > 0) verdicts of the real engine (`runBenchSession`, `deps.runProcess = sandbox.run`) on
 *      A/A and on a planted +5% slowdown, for both modes.
 * Every block runs every condition once, in a fresh random order, so machine noise hits all of them alike.
 *
 *   npm run bench:sandbox                         # BLOCKS=150 TRIALS=20 LOOP_MS=10 SEED=1
 *   BLOCKS=300 TRIALS=0 npm run bench:sandbox     # timings and noise only
 *
 * Progress goes to stderr, the Markdown results to stdout.
 */
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSettings } from '../src/benchmark/bench-settings.ts';
import { observationKey, WHOLE_RUN } from '../src/benchmark/observation.ts';
import { runBenchSession } from '../src/benchmark/run-bench-session.ts';
import { median, sampleStandardDeviation } from '../src/benchmark/stats/descriptive-statistics.ts';
import { buildChildEnv } from '../src/benchmark/runner/build-child-env.ts';
import type { ProcessResult } from '../src/benchmark/runner/run-process.ts';
import { createRandom, type Random } from '../src/benchmark/seeded-random.ts';
import type { Verdict } from '../src/benchmark/stats/metric-comparison.ts';
import { createSandbox } from '../src/sandbox/create-sandbox.ts';
import type { Sandbox, SandboxNetwork } from '../src/sandbox/sandbox.ts';
import { buildSpinProgram } from './build-spin-program.ts';
import { calibrateSpin } from './calibrate-spin.ts';
import { wilsonInterval } from './wilson-interval.ts';

const blocks = Number(process.env.BLOCKS ?? 150);
const trials = Number(process.env.TRIALS ?? 20);
const loopMs = Number(process.env.LOOP_MS ?? 10);
const seed = Number(process.env.SEED ?? 1);
const WARMUP_BLOCKS = 3;
/** Pairs per engine session at most: c_d is also given over chunks of this many pairs, as a session sees it. */
const SESSION_PAIRS = 20;
const BOOTSTRAP = 2000;

type ModeName = 'none' | 'bubblewrap';
interface SessionOutcome {
  /** The primary row, `(whole run)`/`time`. */
  verdict: Verdict;
  change: number;
  noise: number;
  stoppedAt: number;
  /** The `(whole run)`/`cpu` row, which the regression gate also looks at when the output is not parsed. */
  cpuVerdict: Verdict;
  cpuChange: number;
  cpuBaseMedianNs: number;
  /** The `(whole run)`/`memory` row (peak RSS of the tree, sampled). */
  memoryVerdict: Verdict;
  memoryBaseMedianBytes: number;
  /** The report's regression flag (any gated row `slower` beyond the gate). */
  regression: boolean;
}
interface Timed {
  wallNs: number;
  cpuNs: number;
  /** Time of the whole `sandbox.run` call minus its `wallNs`: pre-flight, /proc scans, tree kill. */
  outsideNs: number;
}

const log = (message: string) => process.stderr.write(`[bench:sandbox] ${message}\n`);
const root = mkdtempSync(path.join(os.tmpdir(), 'perfbot-sandbox-bench-'));
try {
  const startedAt = performance.now();
  const loadAtStart = os.loadavg();
  const sandboxes: Record<ModeName, Sandbox> = {
    none: createSandbox({ mode: 'none' }),
    bubblewrap: createSandbox({ mode: 'bubblewrap', warn: (message) => log(message) }),
  };
  if (sandboxes.bubblewrap.description === 'unavailable')
    throw new Error('bubblewrap cannot start on this machine; nothing to measure');

  // The program lives in each directory, as a benchmark lives in its worktree: the sandbox shows only the run's
  // own directory (and the system folders), so `./spin` is the same command with and without it.
  const program = buildSpinProgram(root);
  const makeDir = (name: string, factor: number) => {
    const dir = program.makeSideDir(name, factor);
    copyFileSync(program.binary, path.join(dir, 'spin'));
    chmodSync(path.join(dir, 'spin'), 0o755);
    return dir;
  };
  const env = buildChildEnv(process.env);
  const dirs = { base: makeDir('base', 1), twin: makeDir('twin', 1), zero: makeDir('zero', 0) };
  const calibration = await calibrateSpin(
    sandboxes.none.run,
    './spin',
    { zero: dirs.zero, one: dirs.base },
    env,
    'time',
    loopMs,
  );
  const spin = ['./spin', String(calibration.iterations)];
  const slowFactor = calibration.factorFor(0.05);
  const slowDir = makeDir('slow5', slowFactor);
  log(
    `spin: ${calibration.iterations} iterations ≈ ${(calibration.totalNs / 1e6).toFixed(2)} ms measured without the sandbox ` +
      `(${(calibration.fixedNs / 1e6).toFixed(2)} ms fixed); +5% factor ${slowFactor.toFixed(4)}; ${blocks} blocks, ${trials} engine trials`,
  );

  const run = async (
    mode: ModeName,
    command: string[],
    cwd: string,
    network: SandboxNetwork = 'none',
  ): Promise<Timed> => {
    const t0 = performance.now();
    const result: ProcessResult = await sandboxes[mode].run({ command, cwd, env, timeoutMs: 30_000, network });
    const callNs = (performance.now() - t0) * 1e6;
    if (result.exitCode !== 0 || result.limitExceeded) {
      throw new Error(
        `${command.join(' ')} (${mode}, network ${network}) failed: exit ${result.exitCode} ${result.limitExceeded?.message ?? ''}\n${result.outputTail}`,
      );
    }
    return { wallNs: result.wallNs, cpuNs: result.cpuNs, outsideNs: callNs - result.wallNs };
  };

  // ---- 1 + 2: timings and A/A noise, interleaved in blocks ----
  const TRIVIAL = ['true/none', 'true/bubblewrap', 'true/bubblewrap+outbound'] as const;
  type Unit = (typeof TRIVIAL)[number] | 'spin/none' | 'spin/bubblewrap';
  const trivial: Record<(typeof TRIVIAL)[number], Timed[]> = {
    'true/none': [],
    'true/bubblewrap': [],
    'true/bubblewrap+outbound': [],
  };
  /** Per block and mode: the spin runs in `base` and in `twin`, and the pair's log-ratio log(twin/base). */
  const spinPairs: Record<ModeName, { base: Timed; twin: Timed; logRatio: number }[]> = { none: [], bubblewrap: [] };
  const units: Unit[] = [...TRIVIAL, 'spin/none', 'spin/bubblewrap'];
  const random = createRandom(seed);
  for (let block = -WARMUP_BLOCKS; block < blocks; block++) {
    const keep = block >= 0;
    for (const unit of shuffle(units, random)) {
      if (unit === 'true/none') push(keep, trivial[unit], await run('none', ['/bin/true'], dirs.base));
      else if (unit === 'true/bubblewrap') push(keep, trivial[unit], await run('bubblewrap', ['/bin/true'], dirs.base));
      else if (unit === 'true/bubblewrap+outbound')
        push(keep, trivial[unit], await run('bubblewrap', ['/bin/true'], dirs.base, 'outbound'));
      else {
        // One A/A pair, back to back in random order, as the engine runs a pair.
        const mode: ModeName = unit === 'spin/none' ? 'none' : 'bubblewrap';
        const baseFirst = random() < 0.5;
        const first = await run(mode, spin, baseFirst ? dirs.base : dirs.twin);
        const second = await run(mode, spin, baseFirst ? dirs.twin : dirs.base);
        const [base, twin] = baseFirst ? [first, second] : [second, first];
        if (keep) spinPairs[mode].push({ base, twin, logRatio: Math.log(twin.wallNs / base.wallNs) });
      }
    }
    if (block >= 0 && (block + 1) % 25 === 0)
      log(`block ${block + 1}/${blocks}, ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  }
  const directSeconds = (performance.now() - startedAt) / 1000;

  // ---- 3: the real engine's verdicts, both modes, A/A and +5%, interleaved per trial ----
  const settings: BenchSettings = {
    command: spin,
    format: 'time',
    warmup: 1,
    minPairs: 6,
    maxPairs: SESSION_PAIRS,
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
  const conditions = [
    { name: 'A/A', change: 0, head: dirs.twin },
    { name: '+5% slowdown', change: 0.05, head: slowDir },
  ];
  const sessions: Record<string, SessionOutcome[]> = {};
  const cells = (['none', 'bubblewrap'] as const).flatMap((mode) =>
    conditions.map((condition) => ({ mode, condition, key: `${mode}|${condition.name}` })),
  );
  for (const cell of cells) sessions[cell.key] = [];
  for (let trial = 0; trial < trials; trial++) {
    const trialRandom = createRandom(seed * 1_000_003 + trial);
    for (const cell of shuffle(cells, trialRandom)) {
      const report = await runBenchSession(
        {
          settings,
          base: { ref: 'base', sha: 'base', dir: dirs.base },
          head: { ref: 'head', sha: 'head', dir: cell.condition.head },
          env,
          seed: Math.floor(trialRandom() * 2 ** 31),
        },
        {
          runProcess: sandboxes[cell.mode].run,
          now: () => performance.now(),
          isolation: sandboxes[cell.mode].description,
        },
      );
      const row = (metric: string) => {
        const found = report.comparisons.find(
          (r) => observationKey(r) === observationKey({ benchmark: WHOLE_RUN, metric }),
        );
        if (!found) throw new Error(`no ${metric} row in the report`);
        return found;
      };
      const time = row('time');
      const cpu = row('cpu');
      const memory = row('memory');
      sessions[cell.key]!.push({
        verdict: time.verdict,
        change: time.change,
        noise: time.noise,
        stoppedAt: report.method.stoppedAt,
        cpuVerdict: cpu.verdict,
        cpuChange: cpu.change,
        cpuBaseMedianNs: cpu.base.median,
        memoryVerdict: memory.verdict,
        memoryBaseMedianBytes: memory.base.median,
        regression: report.regression,
      });
    }
    const elapsed = (performance.now() - startedAt) / 1000;
    log(`trial ${trial + 1}/${trials}, ${elapsed.toFixed(0)} s`);
  }
  const totalSeconds = (performance.now() - startedAt) / 1000;

  // ---- report ----
  const ms = (ns: number) => (ns / 1e6).toFixed(2);
  const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
  const boot = createRandom(seed + 7);
  const out: string[] = [];
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  out.push(
    '## Sandbox cost (npm run bench:sandbox)',
    '',
    `Command: \`BLOCKS=${blocks} TRIALS=${trials} LOOP_MS=${loopMs} SEED=${seed} npm run bench:sandbox\``,
    `Date: ${new Date().toISOString().slice(0, 10)}; machine: ${os.cpus()[0]?.model.trim()} ×${os.cpus().length}, ${os.platform()} ${os.release()}, Node ${process.version}; ` +
      `running as uid ${process.getuid?.() ?? '?'}; load average ${load(loadAtStart)} at the start, ${load(os.loadavg())} at the end`,
    `Program: spin ${calibration.iterations} iterations ≈ ${ms(calibration.totalNs)} ms measured without the sandbox (${ms(calibration.fixedNs)} ms of it fixed start-up); ` +
      `+5% head factor ${slowFactor.toFixed(4)} (calibrated without the sandbox)`,
    `Design: ${blocks} blocks (+${WARMUP_BLOCKS} discarded), each running every condition once in a fresh random order; a spin "run" of a block is an A/A pair ` +
      `(base/ then twin/, or the reverse, back to back). Total time: ${totalSeconds.toFixed(0)} s (${directSeconds.toFixed(0)} s for the blocks).`,
    '',
    '### Wall time per run (what the engine measures, `wallNs`), medians',
    '',
    '| Command | Mode | n | Median wall | p10 – p90 wall | Median CPU (tree) | Median call time outside `wallNs` | Added vs none: median of paired differences [95% CI] | Ratio: median of paired ratios |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  const trueNone = trivial['true/none'];
  for (const unit of TRIVIAL) {
    const runs = trivial[unit];
    const [command, mode] = unit.split('/') as [string, string];
    const diffs = runs.map((r, i) => r.wallNs - trueNone[i]!.wallNs);
    const ratios = runs.map((r, i) => r.wallNs / trueNone[i]!.wallNs);
    out.push(
      timingRow(
        `\`/bin/${command}\``,
        mode.replace('+outbound', ', network outbound'),
        runs,
        unit === 'true/none' ? undefined : { diffs, ratios },
      ),
    );
  }
  const spinRuns = (mode: ModeName) => spinPairs[mode].flatMap((p) => [p.base, p.twin]);
  {
    // Paired per block and directory: the sandboxed base/ run minus the unsandboxed base/ run of the same block, ditto twin/.
    const diffs = spinPairs.bubblewrap.flatMap((p, i) => [
      p.base.wallNs - spinPairs.none[i]!.base.wallNs,
      p.twin.wallNs - spinPairs.none[i]!.twin.wallNs,
    ]);
    const ratios = spinPairs.bubblewrap.flatMap((p, i) => [
      p.base.wallNs / spinPairs.none[i]!.base.wallNs,
      p.twin.wallNs / spinPairs.none[i]!.twin.wallNs,
    ]);
    out.push(timingRow(`spin ≈ ${ms(calibration.totalNs)} ms`, 'none', spinRuns('none')));
    out.push(
      timingRow(`spin ≈ ${ms(calibration.totalNs)} ms`, 'bubblewrap', spinRuns('bubblewrap'), { diffs, ratios }),
    );
  }

  const noneLR = spinPairs.none.map((p) => p.logRatio);
  const bwLR = spinPairs.bubblewrap.map((p) => p.logRatio);
  const cd = (lr: number[]) => sampleStandardDeviation(lr);
  const chunked = (lr: number[]) => median(chunks(lr, SESSION_PAIRS).map(cd));
  const robust = (lr: number[]) => 1.4826 * median(lr.map((x) => Math.abs(x - median(lr))));
  const cdRatioCi = bootstrapCi(blocks, boot, (idx) => cd(idx.map((i) => bwLR[i]!)) / cd(idx.map((i) => noneLR[i]!)));
  const tNone = median(spinRuns('none').map((r) => r.wallNs));
  const tBw = median(spinRuns('bubblewrap').map((r) => r.wallNs));
  // A fixed change of the program (Δ ns) reads as Δ/T of the measured time: the sandbox's added time dilutes it.
  const dilution = tNone / tBw;
  const scaledRatio = cd(bwLR) / dilution / cd(noneLR);
  out.push(
    '',
    `### Paired noise c_d of the spin program, A/A (SD of per-pair log-ratios log(twin/base), as the engine's \`noise\`)`,
    '',
    `| Mode | pairs | c_d over all pairs | c_d median over ${SESSION_PAIRS}-pair chunks (as a session sees it) | robust c_d (1.4826·MAD) | median log-ratio |`,
    '|---|---|---|---|---|---|',
    `| none | ${noneLR.length} | **${pct(cd(noneLR))}** | ${pct(chunked(noneLR))} | ${pct(robust(noneLR))} | ${pct(median(noneLR))} |`,
    `| bubblewrap | ${bwLR.length} | **${pct(cd(bwLR))}** | ${pct(chunked(bwLR))} | ${pct(robust(bwLR))} | ${pct(median(bwLR))} |`,
    '',
    `- c_d ratio bubblewrap / none (all pairs): **${(cd(bwLR) / cd(noneLR)).toFixed(2)}×**, bootstrap 95% CI over blocks [${cdRatioCi[0].toFixed(2)}, ${cdRatioCi[1].toFixed(2)}]`,
    `- Dilution: the sandbox's added time makes the same program change read ${pct(dilution, 1)} as large (median wall ${ms(tNone)} → ${ms(tBw)} ms); ` +
      `c_d relative to a fixed program change is therefore ${scaledRatio.toFixed(2)}× the unsandboxed one, i.e. about ${(scaledRatio ** 2).toFixed(2)}× the pairs for the same power.`,
  );

  if (trials > 0) {
    out.push(
      '',
      `### Engine verdicts (runBenchSession, warm-up 1, pairs 6–${SESSION_PAIRS}, band 2%, confidence 0.95; flagged = any change for A/A, \`slower\` for +5%; Wilson 95%)`,
      '',
      '| Condition | Mode | sessions | time: slower / faster / unchanged / inconclusive | time: flagged | Median pairs | time: median estimated change | time: median c_d of the sessions | cpu row: slower / faster / unchanged / inconclusive | cpu row: median base value, median change | memory row: slower / faster / unchanged / inconclusive (median base) | report.regression set |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const condition of conditions) {
      for (const mode of ['none', 'bubblewrap'] as const) {
        const list = sessions[`${mode}|${condition.name}`]!;
        const flagged = list.filter((o) =>
          condition.change === 0 ? o.verdict !== 'inconclusive' && o.verdict !== 'unchanged' : o.verdict === 'slower',
        ).length;
        const [low, high] = wilsonInterval(flagged, list.length);
        out.push(
          `| ${condition.name} | ${mode} | ${list.length} | ${countVerdicts(list.map((o) => o.verdict))} | ${flagged}/${list.length} = **${pct(flagged / list.length, 1)}** [${pct(low, 1)}, ${pct(high, 1)}] | ` +
            `${median(list.map((o) => o.stoppedAt))} | ${pct(median(list.map((o) => o.change)))} | ${pct(median(list.map((o) => o.noise)))} | ` +
            `${countVerdicts(list.map((o) => o.cpuVerdict))} | ${ms(median(list.map((o) => o.cpuBaseMedianNs)))} ms, ${pct(median(list.map((o) => o.cpuChange)))} | ` +
            `${countVerdicts(list.map((o) => o.memoryVerdict))} (${(median(list.map((o) => o.memoryBaseMedianBytes)) / 2 ** 20).toFixed(1)} MiB) | ${list.filter((o) => o.regression).length}/${list.length} |`,
        );
      }
    }
  }
  console.log(out.join('\n'));

  function timingRow(
    command: string,
    mode: string,
    runs: Timed[],
    paired?: { diffs: number[]; ratios: number[] },
  ): string {
    const walls = runs.map((r) => r.wallNs);
    const cells = [
      command,
      mode,
      String(runs.length),
      `**${ms(median(walls))} ms**`,
      `${ms(quantile(walls, 0.1))} – ${ms(quantile(walls, 0.9))} ms`,
      `${ms(median(runs.map((r) => r.cpuNs)))} ms`,
      `${ms(median(runs.map((r) => r.outsideNs)))} ms`,
    ];
    if (!paired) cells.push('—', '—');
    else {
      const ci = bootstrapCi(paired.diffs.length, boot, (idx) => median(idx.map((i) => paired.diffs[i]!)));
      cells.push(
        `**+${ms(median(paired.diffs))} ms** [${ms(ci[0])}, ${ms(ci[1])}]`,
        `${median(paired.ratios).toFixed(2)}×`,
      );
    }
    return `| ${cells.join(' | ')} |`;
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

function push(keep: boolean, list: Timed[], value: Timed): void {
  if (keep) list.push(value);
}

function shuffle<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i + size <= items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

/** Percentile bootstrap 95% interval of `statistic` over indices 0…n−1 resampled with replacement. */
function bootstrapCi(n: number, random: Random, statistic: (indices: number[]) => number): [number, number] {
  const values: number[] = [];
  for (let b = 0; b < BOOTSTRAP; b++) values.push(statistic(Array.from({ length: n }, () => Math.floor(random() * n))));
  return [quantile(values, 0.025), quantile(values, 0.975)];
}

function countVerdicts(verdicts: Verdict[]): string {
  const of = (v: Verdict) => verdicts.filter((x) => x === v).length;
  return `${of('slower')} / ${of('faster')} / ${of('unchanged')} / ${of('inconclusive')}`;
}
