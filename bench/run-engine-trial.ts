import { WHOLE_RUN, observationKey } from '../src/benchmark/observation.ts';
import type { BenchSettings } from '../src/benchmark/bench-settings.ts';
import { runBenchSession } from '../src/benchmark/run-bench-session.ts';
import type { ProcessOptions, ProcessResult } from '../src/benchmark/runner/run-process.ts';
import { createRandom } from '../src/benchmark/seeded-random.ts';
import { sampleStandardDeviation } from '../src/benchmark/stats/descriptive-statistics.ts';
import type { Verdict } from '../src/benchmark/stats/metric-comparison.ts';
import type { SpinFormat } from './measure-spin.ts';
import { runUnpairedDesign } from './run-unpaired-design.ts';
import { welchLogVerdict } from './welch-log-verdict.ts';

export interface PerfbotOutcome {
  verdict: Verdict;
  change: number;
  /** SD of the per-pair log-ratios (c_d). */
  noise: number;
  stoppedAt: number;
  stopReason: string;
  /** Session wall time minus the summed wall times of its runs, per run, in ns. */
  sessionOverheadNs: number;
  /** Per run: time spent in runProcess outside its own `wallNs` (pre-flight, /proc scans, tree kill), in ns. */
  runnerOverheadNs: number[];
  wallNs: number[];
}

export interface UnpairedOutcome {
  /** Last 10 base runs then first 10 head runs: a contiguous 10+10 block, as `hyperfine --runs 10`. */
  verdict10: Verdict;
  verdict20: Verdict;
  change20: number;
  /** Pooled SD of the log values within the two 20-run blocks (the run-to-run CV, c). */
  noise: number;
}

export interface TrialSetup {
  settings: BenchSettings;
  runProcess: (options: ProcessOptions) => Promise<ProcessResult>;
  env: Record<string, string>;
  format: SpinFormat;
  command: string[];
}

/** Perfbot's adaptive paired session on base vs head, with every run's timings recorded. */
export async function runPerfbotDesign(
  setup: TrialSetup,
  dirs: { base: string; head: string },
  seed: number,
): Promise<PerfbotOutcome> {
  const wallNs: number[] = [];
  const runnerOverheadNs: number[] = [];
  const recordingRunProcess = async (options: ProcessOptions): Promise<ProcessResult> => {
    const started = performance.now();
    const result = await setup.runProcess(options);
    runnerOverheadNs.push((performance.now() - started) * 1e6 - result.wallNs);
    wallNs.push(result.wallNs);
    return result;
  };
  const report = await runBenchSession(
    {
      settings: setup.settings,
      base: { ref: 'base', sha: 'base', dir: dirs.base },
      head: { ref: 'head', sha: 'head', dir: dirs.head },
      env: setup.env,
      seed,
    },
    { runProcess: recordingRunProcess, now: () => performance.now() },
  );
  const key =
    setup.format === 'bmf'
      ? observationKey({ benchmark: 'spin', metric: 'time' })
      : observationKey({ benchmark: WHOLE_RUN, metric: 'time' });
  const row = report.comparisons.find((r) => observationKey(r) === key);
  if (!row)
    throw new Error(
      `no primary row in the report: ${report.comparisons.map((r) => `${r.benchmark}/${r.metric}`).join(', ')}`,
    );
  const measured = wallNs.reduce((a, b) => a + b, 0);
  return {
    verdict: row.verdict,
    change: row.change,
    noise: row.noise,
    stoppedAt: report.method.stoppedAt,
    stopReason: report.method.stopReason,
    sessionOverheadNs: (report.method.durationMs * 1e6 - measured) / wallNs.length,
    runnerOverheadNs,
    wallNs,
  };
}

/** hyperfine-style blocks: 20 base runs then 20 head runs, judged at 10+10 and at 20+20. */
export async function runUnpairedDesigns(
  setup: TrialSetup,
  dirs: { base: string; head: string },
  seed: number,
): Promise<UnpairedOutcome> {
  const runs = await runUnpairedDesign(
    setup.runProcess,
    dirs,
    20,
    setup.command,
    setup.env,
    setup.format,
    createRandom(seed),
  );
  const options = {
    alpha: 1 - setup.settings.confidence,
    confidence: setup.settings.confidence,
    noiseBand: setup.settings.noiseBand,
    equivalenceAlpha: Math.min(0.25, 1 - setup.settings.confidence),
  };
  const at20 = welchLogVerdict(runs.base, runs.head, options);
  const at10 = welchLogVerdict(runs.base.slice(10), runs.head.slice(0, 10), options);
  const noise = Math.sqrt((variance(runs.base.map(Math.log)) + variance(runs.head.map(Math.log))) / 2);
  return { verdict10: at10.verdict, verdict20: at20.verdict, change20: at20.change, noise };
}

function variance(values: readonly number[]): number {
  return sampleStandardDeviation(values) ** 2;
}
