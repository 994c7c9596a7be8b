import type { BenchSettings } from '../benchmark/bench-settings.ts';
import { globToRegExp } from '../benchmark/glob-to-regexp.ts';
import { median } from '../benchmark/stats/descriptive-statistics.ts';
import { observationKey, type Observation } from '../benchmark/observation.ts';
import { parseBenchOutput } from '../benchmark/parsers/parse-bench-output.ts';
import type { ConcreteBenchFormat, ParsedResult } from '../benchmark/parsers/parsed-result.ts';
import { reduceRunMetrics } from '../benchmark/reduce-run-metrics.ts';
import { createSideHome, describeLimitExceeded, type RunUntrusted } from '../sandbox/sandbox.ts';
import { BenchCancelledError, BenchmarkRunError, BenchOutputError } from '../domain/errors.ts';
import { benchmarkRunRequest } from './benchmark-run-request.ts';

/** The median of one benchmark metric over the baseline runs. */
export interface BaselineRow {
  benchmark: string;
  metric: string;
  unit: string;
  lowerIsBetter: boolean;
  median: number;
  /** Runs that produced the metric. */
  n: number;
}

export interface BaselineMeasurement {
  format: ConcreteBenchFormat;
  runs: number;
  rows: BaselineRow[];
}

export interface MeasureBaselineInput {
  settings: BenchSettings;
  /** A clean checkout of the starting commit. */
  dir: string;
  env: Record<string, string>;
  signal?: AbortSignal;
  /** The runs' `$HOME`, kept by the caller (BENCHMARK profiles the commit with what setup put there); default: one of its own. */
  home?: string;
}

/**
 * Measures one commit on its own: setup once, the warm-ups, then `minPairs` timed runs, each reduced the way
 * the engine reduces a run (`reduceRunMetrics`), and the median per metric. A comparison against itself would
 * only measure noise; the figures are the "before" the analyzer and the reports show, while every verdict
 * comes from VERIFY's interleaved comparison against this same commit.
 */
export async function measureBaseline(
  input: MeasureBaselineInput,
  runProcess: RunUntrusted,
): Promise<BaselineMeasurement> {
  if (input.home !== undefined) return measureWithHome(input, runProcess, input.home);
  const home = await createSideHome('baseline');
  try {
    return await measureWithHome(input, runProcess, home.dir);
  } finally {
    await home.remove();
  }
}

async function measureWithHome(
  input: MeasureBaselineInput,
  runProcess: RunUntrusted,
  home: string,
): Promise<BaselineMeasurement> {
  const { settings } = input;
  const filter = settings.filter === undefined ? undefined : globToRegExp(settings.filter);
  let format: ConcreteBenchFormat | null = settings.format === 'auto' ? null : settings.format;
  const run = async (what: 'setup' | 'benchmark', command: string | string[]) => {
    const result = await runProcess(
      benchmarkRunRequest(settings, what, { command, cwd: input.dir, env: input.env, home, signal: input.signal }),
    );
    if (result.aborted || input.signal?.aborted) throw new BenchCancelledError();
    if (result.limitExceeded) {
      const message = describeLimitExceeded(
        `benchmark.${what === 'setup' ? 'setup' : 'command'} on the starting commit`,
        result.limitExceeded,
      );
      throw new BenchmarkRunError(message, {
        phase: what,
        side: 'base',
        exitCode: result.exitCode,
        outputTail: result.outputTail,
      });
    }
    if (result.timedOut || result.exitCode !== 0) {
      const how = result.timedOut
        ? `timed out after ${Math.round(settings.timeoutMs / 1000)} s`
        : `exited with code ${result.exitCode}`;
      throw new BenchmarkRunError(
        `benchmark.${what === 'setup' ? 'setup' : 'command'} ${how} on the starting commit, before any change was made`,
        {
          phase: what,
          side: 'base',
          exitCode: result.exitCode,
          timedOut: result.timedOut,
          outputTail: result.outputTail,
        },
      );
    }
    return result;
  };
  const measure = async (): Promise<Observation[]> => {
    const result = await run('benchmark', settings.command);
    let parsed: ParsedResult | null = null;
    if (format !== 'time') {
      try {
        parsed = parseBenchOutput(result.stdout, format ?? 'auto');
        format = parsed.format;
      } catch (error) {
        // As in the engine: `auto` with nothing recognisable measures the process's wall time.
        if (!(error instanceof BenchOutputError) || format !== null) throw error;
        format = 'time';
      }
    }
    return reduceRunMetrics(parsed, result, filter);
  };

  if (settings.setup !== undefined) await run('setup', settings.setup);
  for (let index = 0; index < settings.warmup; index++) await measure();
  const samples = new Map<string, { first: Observation; values: number[] }>();
  for (let index = 0; index < settings.minPairs; index++) {
    for (const observation of await measure()) {
      const key = observationKey(observation);
      const entry = samples.get(key) ?? { first: observation, values: [] };
      entry.values.push(observation.value);
      samples.set(key, entry);
    }
  }
  const rows = [...samples.values()].map(({ first, values }) => ({
    benchmark: first.benchmark,
    metric: first.metric,
    unit: first.unit,
    lowerIsBetter: first.lowerIsBetter,
    median: median(values),
    n: values.length,
  }));
  return { format: format ?? 'time', runs: settings.minPairs, rows };
}
