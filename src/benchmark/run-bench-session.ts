import os from 'node:os';
import { BenchCancelledError, BenchOutputError, BenchmarkRunError } from '../domain/errors.ts';
import type { BenchProgress } from './bench-progress.ts';
import type { BenchReport, ComparisonRow, ScheduleMethod, SideInfo } from './bench-report.ts';
import type { BenchSettings } from './bench-settings.ts';
import { compareGeomean, compareSeries, type Series } from './compare-series.ts';
import { globToRegExp } from './glob-to-regexp.ts';
import {
  describeInstructionCounting,
  planInstructionCounting,
  type InstructionCounting,
} from './instructions/plan-instruction-counting.ts';
import { observationKey, WHOLE_RUN, type Observation } from './observation.ts';
import { parseBenchOutput } from './parsers/parse-bench-output.ts';
import type { ConcreteBenchFormat, ParsedResult } from './parsers/parsed-result.ts';
import { planLooks } from './plan-looks.ts';
import { planPairOrder } from './plan-pair-order.ts';
import { planTimedLooks } from './plan-timed-looks.ts';
import { reduceRunMetrics } from './reduce-run-metrics.ts';
import { buildChildEnv } from './runner/build-child-env.ts';
import type { ProcessResult } from './runner/run-process.ts';
import { createSideHome, describeLimitExceeded, type RunUntrusted, type SandboxRequest } from '../sandbox/sandbox.ts';
import { createRandom, type Random } from './seeded-random.ts';
import { sequentialBoundaries } from './stats/sequential-boundaries.ts';
import { type Calibration, describeCalibration, pairsToResolve, primaryNoise } from './noise-calibration.ts';

export type Side = 'base' | 'head';

/** The `instructions` rows' noise band when the settings do not say (perf.yml's default, 0.1%). */
const DEFAULT_INSTRUCTIONS_NOISE_BAND = 0.001;

export interface BenchSessionInput {
  settings: BenchSettings;
  base: SideInfo & { dir: string };
  head: SideInfo & { dir: string };
  /** Allow-listed environment for every benchmark process (no secrets). */
  env: Record<string, string>;
  seed: number;
  signal?: AbortSignal;
  /** This repository's calibration on this machine's fingerprint (the caller matched it), if there is one. */
  calibration?: Calibration;
}

/** Everything with side effects is passed in, so the session can be driven by tests and benchmarks alike. */
export interface BenchSessionDeps {
  /** The sandbox's runner (or, in tests of the engine alone, `runProcess`). */
  runProcess: RunUntrusted;
  now: () => number;
  onProgress?: (event: BenchProgress) => void;
  redact?: (text: string) => string;
  /** How the commands were isolated, for "How we measured" (the sandbox's description). */
  isolation?: string;
}

/**
 * Runs setup once per side, discards warm-ups, then measures interleaved pairs in balanced random order,
 * looking at the pre-planned looks and stopping as soon as every primary metric is decided, at the last
 * look, or when the time budget runs out.
 */
export async function runBenchSession(input: BenchSessionInput, deps: BenchSessionDeps): Promise<BenchReport> {
  const homes = { base: await createSideHome('base'), head: await createSideHome('head') };
  try {
    return await runSession(input, deps, { base: homes.base.dir, head: homes.head.dir });
  } finally {
    await Promise.all([homes.base.remove(), homes.head.remove()]);
  }
}

async function runSession(
  input: BenchSessionInput,
  deps: BenchSessionDeps,
  homes: Record<Side, string>,
): Promise<BenchReport> {
  const { settings } = input;
  const started = deps.now();
  const random = createRandom(input.seed);
  const filter = settings.filter ? globToRegExp(settings.filter) : undefined;
  const ctx: RunContext = {
    input,
    deps,
    random,
    filter,
    format: settings.format === 'auto' ? null : settings.format,
    homes,
    warnings: new Set(),
    seenNames: new Set(),
    keptNames: new Set(),
  };
  if (settings.measure === 'instructions') {
    const options = {
      command: settings.command,
      run: deps.runProcess,
      searchPath: input.env.PATH,
      cwd: input.base.dir,
      env: input.env,
      signal: input.signal,
    };
    ctx.counting = await planInstructionCounting(options);
  }

  for (const side of ['base', 'head'] as const) {
    if (!settings.setup) break;
    deps.onProgress?.({ phase: 'setup', side });
    await runChecked(ctx, side, 'setup', settings.setup, Math.max(settings.timeoutMs, settings.timeBudgetMs));
  }
  const startupCommand = ctx.counting?.runtime.startup;
  for (const side of ['base', 'head'] as const) {
    if (!ctx.counting || startupCommand === undefined) break;
    ctx.counting.startup[side] = await countOnce(ctx, side, startupCommand);
  }
  const measureStart = deps.now();
  for (let i = 0; i < settings.warmup; i++) {
    deps.onProgress?.({ phase: 'warmup', run: i + 1, of: settings.warmup });
    await measureOnce(ctx, 'base', false);
    await measureOnce(ctx, 'head', false);
  }

  // A time-planned run knows only its first look until that look's pairs are measured (planned in the loop).
  const fixedLooks = planLooks(settings.minPairs, settings.maxPairs);
  let looks = settings.planByTime ? fixedLooks.slice(0, 1) : fixedLooks;
  let boundaries = sequentialBoundaries(looks, 1 - settings.confidence);
  const order = planPairOrder(looks, random);
  let schedule: ScheduleMethod = { kind: 'fixed' };
  const calibrated = input.calibration ? primaryNoise(input.calibration, ctx.counting !== undefined) : null;
  const primaryBand = ctx.counting
    ? (settings.instructionsNoiseBand ?? DEFAULT_INSTRUCTIONS_NOISE_BAND)
    : settings.noiseBand;
  const neededPairs = calibrated ? pairsToResolve(calibrated.noise, primaryBand, 1 - settings.confidence) : undefined;
  const series = new Map<string, Series>();
  let rows: ComparisonRow[] = [];
  let stopReason: BenchReport['method']['stopReason'] = 'max-runs';
  let alpha = boundaries[0]!;
  let pairs = 0;
  const primaryKeys = new Set<string>();
  const oneSided: OneSided = { base: new Set(), head: new Set() };
  const comparisonBase = {
    confidence: settings.confidence,
    noiseBand: settings.noiseBand,
    noiseBands: { instructions: settings.instructionsNoiseBand ?? DEFAULT_INSTRUCTIONS_NOISE_BAND },
    fdr: settings.fdr,
    equivalenceAlpha: Math.min(0.25, 1 - settings.confidence),
  };

  const pairsStart = deps.now();
  while (pairs < order.length) {
    const headFirst = order[pairs]!;
    const first = await measureOnce(ctx, headFirst ? 'head' : 'base');
    const second = await measureOnce(ctx, headFirst ? 'base' : 'head');
    addPair(series, headFirst ? second : first, headFirst ? first : second, oneSided);
    pairs++;
    const elapsed = deps.now() - measureStart;
    const perPair = elapsed / (pairs + settings.warmup);
    // Before a time-planned run has planned its looks, the most it may run is the cap.
    const most = settings.planByTime && schedule.kind === 'fixed' ? settings.maxPairs : order.length;
    deps.onProgress?.({ phase: 'measure', pair: pairs, maxPairs: most, etaMs: perPair * (most - pairs) });

    if (settings.planByTime && pairs === looks[0] && schedule.kind === 'fixed') {
      // Planned from the pace alone, before this look compares anything, so the boundaries stay exact.
      const perPairMs = (deps.now() - pairsStart) / pairs;
      const remainingMs = settings.timeBudgetMs - (deps.now() - started);
      const plan = planTimedLooks({
        minPairs: pairs,
        maxPairs: settings.maxPairs,
        perPairMs,
        remainingMs,
        ...(Number.isFinite(neededPairs) ? { neededPairs } : {}),
      });
      looks = plan.looks;
      boundaries = sequentialBoundaries(looks, 1 - settings.confidence);
      order.push(
        ...planPairOrder(
          looks.slice(1).map((n) => n - pairs),
          random,
        ),
      );
      schedule = {
        kind: 'time-planned',
        perPairMs,
        budgetMs: settings.timeBudgetMs,
        maxPairs: settings.maxPairs,
        limitedBy: plan.limitedBy,
      };
    }
    const lookIndex = looks.indexOf(pairs);
    const outOfTime = deps.now() - started + perPair > settings.timeBudgetMs && pairs >= 3;
    if (lookIndex < 0 && !outOfTime) continue;
    if (lookIndex >= 0) alpha = boundaries[lookIndex]!;
    if (primaryKeys.size === 0)
      for (const key of primarySeriesKeys(series, ctx.counting !== undefined)) primaryKeys.add(key);
    rows = compareSeries([...series.values()], { ...comparisonBase, alpha });
    const primary = rows.filter((r) => primaryKeys.has(observationKey(r)));
    const decided = primary.filter((r) => r.verdict !== 'inconclusive').length;
    deps.onProgress?.({ phase: 'look', pairs, decided, total: primary.length });
    if (decided === primary.length) {
      stopReason = 'decided';
      break;
    }
    if (outOfTime) {
      stopReason = 'time-budget';
      break;
    }
  }

  const described =
    calibrated && input.calibration
      ? describeCalibration({
          calibration: input.calibration,
          noise: calibrated,
          neededPairs: neededPairs!,
          looks,
          noiseBand: primaryBand,
          alpha: 1 - settings.confidence,
        })
      : undefined;
  if (described?.warning) ctx.warnings.add(described.warning);
  const calibration = described?.method;
  const geomean = ['time'].flatMap(
    (metric) => compareGeomean([...series.values()], metric, { ...comparisonBase, alpha }) ?? [],
  );
  return {
    base: { ref: input.base.ref, sha: input.base.sha },
    head: { ref: input.head.ref, sha: input.head.sha },
    runs: { base: pairs, head: pairs },
    warmup: settings.warmup,
    format: ctx.format ?? 'time',
    comparisons: sortRows(rows),
    geomean,
    method: {
      design: `interleaved pairs, balanced random order within each look (seed ${input.seed})`,
      test: "paired t-test on per-pair log-ratios (Yuen's 20%-trimmed t when outlier pairs are flagged), Wilcoxon signed-rank / Hodges–Lehmann cross-check, O'Brien–Fleming group-sequential looks, Benjamini–Hochberg FDR",
      confidence: settings.confidence,
      noiseBand: settings.noiseBand,
      regressionGate: settings.regressionGate,
      looks,
      stoppedAt: pairs,
      stopReason,
      schedule,
      machine: describeMachine(),
      ...(deps.isolation === undefined ? {} : { isolation: deps.isolation }),
      ...(calibration === undefined ? {} : { calibration }),
      ...(ctx.counting === undefined
        ? {}
        : { instructions: describeInstructionCounting(ctx.counting, comparisonBase.noiseBands.instructions) }),
      command: describeCommand(settings.command),
      durationMs: deps.now() - started,
    },
    warnings: reportWarnings(ctx, oneSided),
    regression: gatedRows(rows, ctx.counting !== undefined).some(
      (r) => r.verdict === 'slower' && Math.abs(r.change) > settings.regressionGate,
    ),
  };
}

interface RunContext {
  input: BenchSessionInput;
  deps: BenchSessionDeps;
  random: Random;
  filter: RegExp | undefined;
  /** Locked after the first parse so `auto` cannot flip between runs. */
  format: ConcreteBenchFormat | null;
  /** Each side's home in the sandbox, kept from its setup to its last run. */
  homes: Record<Side, string>;
  /** Report-level caveats, collected while running (deduplicated). */
  warnings: Set<string>;
  /** Benchmark names the output had, and how many of them the filter kept. */
  seenNames: Set<string>;
  keptNames: Set<string>;
  /** Set when `benchmark.measure` is `instructions`. */
  counting?: InstructionCounting;
}

/** One invocation's observations; `count` adds its instruction count when instructions are measured (not in warm-ups). */
async function measureOnce(ctx: RunContext, side: Side, count = true): Promise<Observation[]> {
  const { settings } = ctx.input;
  const result = await runChecked(ctx, side, 'benchmark', settings.command, settings.timeoutMs);
  let parsed: ParsedResult | null = null;
  if (ctx.format !== 'time') {
    try {
      parsed = parseBenchOutput(result.stdout, ctx.format ?? 'auto');
    } catch (error) {
      if (!(error instanceof BenchOutputError)) throw error;
      const truncated = result.outputTruncated ? ' (its output was longer than Perfbot keeps, 8 MiB, and was cut)' : '';
      if (ctx.format === null && error.format === undefined && !result.outputTruncated) {
        // `auto` with nothing recognisable at all: the process's own wall time is the measurement — said out loud.
        ctx.format = 'time';
        ctx.warnings.add(
          'the benchmark output was not recognised as any known format, so only the wall time, CPU time and memory of the whole command were compared; set benchmark.format in .github/perf.yml to parse per-benchmark results (or to `time` to silence this)',
        );
      } else {
        const as = ctx.format ?? error.format ?? 'any known format';
        throw new BenchmarkRunError(
          `the ${side} benchmark output could not be parsed as ${as}${truncated}: ${error.message}`,
          {
            phase: 'benchmark',
            side,
            exitCode: result.exitCode,
            outputTail: tail(ctx, result.outputTail),
          },
        );
      }
    }
    if (parsed) ctx.format = parsed.format;
  }
  for (const benchmark of parsed?.benchmarks ?? []) {
    ctx.seenNames.add(benchmark.name);
    if (!ctx.filter || ctx.filter.test(benchmark.name)) ctx.keptNames.add(benchmark.name);
  }
  const observations = reduceRunMetrics(parsed, result, ctx.filter);
  if (ctx.counting && count) {
    // A second run under the counter: the counter slows the program down (cachegrind ~20-50×), so the wall time,
    // CPU and memory above stay those of the program alone.
    const instructions = (await countOnce(ctx, side, ctx.counting.runtime.command)) - (ctx.counting.startup[side] ?? 0);
    observations.push({
      benchmark: WHOLE_RUN,
      metric: 'instructions',
      unit: 'instructions',
      lowerIsBetter: true,
      value: instructions,
    });
  }
  return observations;
}

/** One run of `command` under the instruction counter, in the runtime's deterministic mode: its count. */
async function countOnce(ctx: RunContext, side: Side, command: string | string[]): Promise<number> {
  const counting = ctx.counting!;
  const { timeoutMs } = ctx.input.settings;
  const request = buildRequest(ctx, side, 'benchmark', command, timeoutMs, counting.runtime.env);
  const result = await counting.runCounted(request);
  try {
    checkResult(ctx, side, 'benchmark', timeoutMs, result);
  } catch (error) {
    if (!(error instanceof BenchmarkRunError)) throw error;
    // The same command passed without the counter (or this is the runtime's empty script): say which run failed.
    const note = `That was its run under the instruction counter (${counting.counter.kind}, ${describeCommand(command)}); a program the counter cannot run (cachegrind does not support AVX-512, for one) needs benchmark.measure: time.`;
    throw new BenchmarkRunError(`${error.message} ${note}`, error.details);
  }
  if (result.instructions === undefined) {
    throw new BenchmarkRunError(
      `the instructions of the ${side} benchmark run could not be counted with ${counting.counter.kind}: ${result.countProblem}`,
      {
        phase: 'benchmark',
        side,
        outputTail: tail(ctx, result.outputTail),
      },
    );
  }
  return result.instructions;
}

function describeCommand(command: string | string[]): string {
  return Array.isArray(command) ? JSON.stringify(command) : command;
}

async function runChecked(
  ctx: RunContext,
  side: Side,
  phase: 'setup' | 'benchmark',
  command: string | string[],
  timeoutMs: number,
): Promise<ProcessResult> {
  return checkResult(
    ctx,
    side,
    phase,
    timeoutMs,
    await ctx.deps.runProcess(buildRequest(ctx, side, phase, command, timeoutMs)),
  );
}

/** The sandbox request for one command of one side; `extraEnv` (a runtime's deterministic mode) goes on top. */
function buildRequest(
  ctx: RunContext,
  side: Side,
  phase: 'setup' | 'benchmark',
  command: string | string[],
  timeoutMs: number,
  extraEnv: Record<string, string> = {},
): SandboxRequest {
  const { input, random } = ctx;
  if (input.signal?.aborted) throw new BenchCancelledError();
  // perf.yml's `benchmark.env` goes through the same filter as everything else (no secrets, no BASH_ENV).
  const env = {
    ...input.env,
    ...buildChildEnv({}, input.settings.env),
    ...extraEnv,
    PERFBOT_ENV_PADDING: 'X'.repeat(Math.floor(random() * 4096)),
  };
  const network = phase === 'setup' ? input.settings.network.setup : input.settings.network.command;
  return {
    command,
    cwd: input[side].dir,
    env,
    timeoutMs,
    signal: input.signal,
    network,
    limits: input.settings.limits,
    home: ctx.homes[side],
  };
}

/** Turns a failed run into the error that says how it failed and what to do; returns a successful one. */
function checkResult<R extends ProcessResult>(
  ctx: RunContext,
  side: Side,
  phase: 'setup' | 'benchmark',
  timeoutMs: number,
  result: R,
): R {
  const { input } = ctx;
  if (result.aborted || input.signal?.aborted) throw new BenchCancelledError();
  const what = phase === 'setup' ? 'benchmark.setup' : 'benchmark.command';
  if (result.limitExceeded) {
    throw new BenchmarkRunError(
      `${describeLimitExceeded(`${what} on ${side}`, result.limitExceeded)} The last lines of its output are below.`,
      {
        phase,
        side,
        exitCode: result.exitCode,
        signal: result.signal,
        outputTail: tail(ctx, result.outputTail),
      },
    );
  }
  if (result.timedOut) {
    throw new BenchmarkRunError(
      `${what} timed out on ${side} (${side === 'base' ? input.base.ref : input.head.ref}) after ${Math.round(timeoutMs / 1000)} s and was killed with its whole process tree. Make it faster, or raise benchmark.timeoutSeconds in .github/perf.yml.`,
      {
        phase,
        side,
        timedOut: true,
        exitCode: result.exitCode,
        signal: result.signal,
        outputTail: tail(ctx, result.outputTail),
      },
    );
  }
  if (result.exitCode !== 0) {
    // The wrapper shell reports a child killed by signal n as exit code 128 + n.
    const signal = result.signal ?? signalOfExitCode(result.exitCode);
    const how = signal
      ? `was killed by ${signal}${signal === 'SIGKILL' ? ' (often the out-of-memory killer)' : ''}`
      : `exited with code ${result.exitCode}`;
    throw new BenchmarkRunError(
      `${what} ${how} on ${side} (${side === 'base' ? input.base.ref : input.head.ref}). Check that it runs in a clean checkout (cd to the repository root, then run it) and in the sandbox (only the checkout is writable, no network unless perf.yml's benchmark.network or benchmark.setupNetwork grants it) — the last lines of its output are below.`,
      { phase, side, exitCode: result.exitCode, signal, outputTail: tail(ctx, result.outputTail) },
    );
  }
  return result;
}

function signalOfExitCode(code: number | null): string | null {
  if (code === null || code <= 128 || code >= 128 + 65) return null;
  const name = Object.entries(os.constants.signals).find(([, n]) => n === code - 128)?.[0];
  return name ?? null;
}

function tail(ctx: RunContext, text: string): string {
  return ctx.deps.redact ? ctx.deps.redact(text) : text;
}

function addPair(series: Map<string, Series>, base: Observation[], head: Observation[], oneSided: OneSided): void {
  const headByKey = new Map(head.map((o) => [observationKey(o), o]));
  const baseNames = new Set(base.map((o) => o.benchmark));
  for (const h of head) if (!baseNames.has(h.benchmark)) oneSided.head.add(h.benchmark);
  for (const b of base) {
    const key = observationKey(b);
    const h = headByKey.get(key);
    if (!h) {
      if (!head.some((o) => o.benchmark === b.benchmark)) oneSided.base.add(b.benchmark);
      continue;
    }
    let s = series.get(key);
    if (!s) {
      s = { benchmark: b.benchmark, metric: b.metric, unit: b.unit, lowerIsBetter: b.lowerIsBetter, pairs: [] };
      series.set(key, s);
    }
    s.pairs.push({ base: b.value, head: h.value });
  }
}

interface OneSided {
  base: Set<string>;
  head: Set<string>;
}

/**
 * The metrics that decide when to stop: the whole run's instructions when they are counted; else each parsed
 * benchmark's time (or first) metric, else the whole run's time.
 */
function primarySeriesKeys(series: Map<string, Series>, counting: boolean): string[] {
  if (counting) return [observationKey({ benchmark: WHOLE_RUN, metric: 'instructions' })];
  const parsed = [...series.values()].filter((s) => s.benchmark !== WHOLE_RUN);
  if (parsed.length === 0) return [observationKey({ benchmark: WHOLE_RUN, metric: 'time' })];
  const byBenchmark = new Map<string, Series>();
  for (const s of parsed) {
    const current = byBenchmark.get(s.benchmark);
    if (!current || (s.metric === 'time' && current.metric !== 'time')) byBenchmark.set(s.benchmark, s);
  }
  return [...byBenchmark.values()].map(observationKey);
}

/**
 * The rows the regression gate looks at: the parsed benchmarks when there are any. The whole-run rows then only
 * inform — adding a benchmark makes the whole command slower without anything regressing, and harnesses that
 * size their own runs (go test, Google Benchmark) do not run longer when the code gets slower. When instructions
 * are counted, they alone are gated: the user chose them because time is too noisy here to decide on.
 */
function gatedRows(rows: ComparisonRow[], counting: boolean): ComparisonRow[] {
  if (counting) return rows.filter((r) => r.metric === 'instructions');
  const parsed = rows.filter((r) => r.benchmark !== WHOLE_RUN);
  return parsed.length > 0 ? parsed : rows;
}

function reportWarnings(ctx: RunContext, oneSided: OneSided): string[] {
  const warnings = [...ctx.warnings];
  const { filter } = ctx.input.settings;
  if (filter && ctx.seenNames.size > 0 && ctx.keptNames.size === 0) {
    const names = [...ctx.seenNames].slice(0, 10).join(', ');
    warnings.push(
      `benchmark.filter "${filter}" matched none of the ${ctx.seenNames.size} benchmarks in the output (${names}${ctx.seenNames.size > 10 ? ', …' : ''}); only the whole command was compared`,
    );
  }
  const list = (names: Set<string>) => [...names].slice(0, 10).join(', ') + (names.size > 10 ? ', …' : '');
  if (oneSided.base.size > 0) warnings.push(`only in base, so not compared: ${list(oneSided.base)}`);
  if (oneSided.head.size > 0) warnings.push(`only in head, so not compared: ${list(oneSided.head)}`);
  return warnings;
}

const VERDICT_ORDER = { slower: 0, faster: 1, inconclusive: 2, unchanged: 3 } as const;

function sortRows(rows: ComparisonRow[]): ComparisonRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(a.benchmark === WHOLE_RUN) - Number(b.benchmark === WHOLE_RUN) ||
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      Math.abs(b.change) - Math.abs(a.change) ||
      a.benchmark.localeCompare(b.benchmark) ||
      a.metric.localeCompare(b.metric),
  );
}

function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} ×${cpus.length}, ${os.platform()} ${os.release()}, Node ${process.version}`;
}
