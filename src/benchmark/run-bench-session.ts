import os from 'node:os';
import { BenchCancelledError, BenchOutputError, BenchmarkRunError } from '../domain/errors.ts';
import type { BenchProgress } from './bench-progress.ts';
import type { BenchReport, ComparisonRow, SideInfo } from './bench-report.ts';
import type { BenchSettings } from './bench-settings.ts';
import { compareGeomean, compareSeries, type Series } from './compare-series.ts';
import { globToRegExp } from './glob-to-regexp.ts';
import { observationKey, WHOLE_RUN, type Observation } from './observation.ts';
import { parseBenchOutput } from './parsers/parse-bench-output.ts';
import type { ConcreteBenchFormat, ParsedResult } from './parsers/parsed-result.ts';
import { planLooks } from './plan-looks.ts';
import { planPairOrder } from './plan-pair-order.ts';
import { reduceRunMetrics } from './reduce-run-metrics.ts';
import { buildChildEnv } from './runner/build-child-env.ts';
import type { ProcessOptions, ProcessResult } from './runner/run-process.ts';
import { createRandom, type Random } from './seeded-random.ts';
import { sequentialBoundaries } from './stats/sequential-boundaries.ts';

export type Side = 'base' | 'head';

export interface BenchSessionInput {
  settings: BenchSettings;
  base: SideInfo & { dir: string };
  head: SideInfo & { dir: string };
  /** Allow-listed environment for every benchmark process (no secrets). */
  env: Record<string, string>;
  seed: number;
  signal?: AbortSignal;
}

/** Everything with side effects is passed in, so the session can be driven by tests and benchmarks alike. */
export interface BenchSessionDeps {
  runProcess: (options: ProcessOptions) => Promise<ProcessResult>;
  now: () => number;
  onProgress?: (event: BenchProgress) => void;
  redact?: (text: string) => string;
}

/**
 * Runs setup once per side, discards warm-ups, then measures interleaved pairs in balanced random order,
 * looking at the pre-planned looks and stopping as soon as every primary metric is decided, at the last
 * look, or when the time budget runs out.
 */
export async function runBenchSession(input: BenchSessionInput, deps: BenchSessionDeps): Promise<BenchReport> {
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
    warnings: new Set(),
    seenNames: new Set(),
    keptNames: new Set(),
  };

  for (const side of ['base', 'head'] as const) {
    if (!settings.setup) break;
    deps.onProgress?.({ phase: 'setup', side });
    await runChecked(ctx, side, 'setup', settings.setup, Math.max(settings.timeoutMs, settings.timeBudgetMs));
  }
  const measureStart = deps.now();
  for (let i = 0; i < settings.warmup; i++) {
    deps.onProgress?.({ phase: 'warmup', run: i + 1, of: settings.warmup });
    await measureOnce(ctx, 'base');
    await measureOnce(ctx, 'head');
  }

  const looks = planLooks(settings.minPairs, settings.maxPairs);
  const boundaries = sequentialBoundaries(looks, 1 - settings.confidence);
  const order = planPairOrder(looks, random);
  const series = new Map<string, Series>();
  let rows: ComparisonRow[] = [];
  let stopReason: BenchReport['method']['stopReason'] = 'max-runs';
  let alpha = boundaries[0]!;
  let pairs = 0;
  const primaryKeys = new Set<string>();
  const oneSided: OneSided = { base: new Set(), head: new Set() };
  const comparisonBase = { confidence: settings.confidence, noiseBand: settings.noiseBand, fdr: settings.fdr, equivalenceAlpha: Math.min(0.25, 1 - settings.confidence) };

  while (pairs < order.length) {
    const headFirst = order[pairs]!;
    const first = await measureOnce(ctx, headFirst ? 'head' : 'base');
    const second = await measureOnce(ctx, headFirst ? 'base' : 'head');
    addPair(series, headFirst ? second : first, headFirst ? first : second, oneSided);
    pairs++;
    const elapsed = deps.now() - measureStart;
    const perPair = elapsed / (pairs + settings.warmup);
    deps.onProgress?.({ phase: 'measure', pair: pairs, maxPairs: order.length, etaMs: perPair * (order.length - pairs) });

    const lookIndex = looks.indexOf(pairs);
    const outOfTime = deps.now() - started + perPair > settings.timeBudgetMs && pairs >= 3;
    if (lookIndex < 0 && !outOfTime) continue;
    if (lookIndex >= 0) alpha = boundaries[lookIndex]!;
    if (primaryKeys.size === 0) for (const key of primarySeriesKeys(series)) primaryKeys.add(key);
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

  const geomean = ['time'].flatMap((metric) => compareGeomean([...series.values()], metric, { ...comparisonBase, alpha }) ?? []);
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
      machine: describeMachine(),
      command: Array.isArray(settings.command) ? JSON.stringify(settings.command) : settings.command,
      durationMs: deps.now() - started,
    },
    warnings: reportWarnings(ctx, oneSided),
    regression: gatedRows(rows).some((r) => r.verdict === 'slower' && Math.abs(r.change) > settings.regressionGate),
  };
}

interface RunContext {
  input: BenchSessionInput;
  deps: BenchSessionDeps;
  random: Random;
  filter: RegExp | undefined;
  /** Locked after the first parse so `auto` cannot flip between runs. */
  format: ConcreteBenchFormat | null;
  /** Report-level caveats, collected while running (deduplicated). */
  warnings: Set<string>;
  /** Benchmark names the output had, and how many of them the filter kept. */
  seenNames: Set<string>;
  keptNames: Set<string>;
}

async function measureOnce(ctx: RunContext, side: Side): Promise<Observation[]> {
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
        throw new BenchmarkRunError(`the ${side} benchmark output could not be parsed as ${as}${truncated}: ${error.message}`, {
          phase: 'benchmark',
          side,
          exitCode: result.exitCode,
          outputTail: tail(ctx, result.outputTail),
        });
      }
    }
    if (parsed) ctx.format = parsed.format;
  }
  for (const benchmark of parsed?.benchmarks ?? []) {
    ctx.seenNames.add(benchmark.name);
    if (!ctx.filter || ctx.filter.test(benchmark.name)) ctx.keptNames.add(benchmark.name);
  }
  return reduceRunMetrics(parsed, result, ctx.filter);
}

async function runChecked(ctx: RunContext, side: Side, phase: 'setup' | 'benchmark', command: string | string[], timeoutMs: number): Promise<ProcessResult> {
  const { input, deps, random } = ctx;
  if (input.signal?.aborted) throw new BenchCancelledError();
  // perf.yml's `benchmark.env` goes through the same filter as everything else (no secrets, no BASH_ENV).
  const env = { ...input.env, ...buildChildEnv({}, input.settings.env), PERFBOT_ENV_PADDING: 'X'.repeat(Math.floor(random() * 4096)) };
  const result = await deps.runProcess({ command, cwd: input[side].dir, env, timeoutMs, signal: input.signal });
  if (result.aborted || input.signal?.aborted) throw new BenchCancelledError();
  const what = phase === 'setup' ? 'benchmark.setup' : 'benchmark.command';
  if (result.timedOut) {
    throw new BenchmarkRunError(
      `${what} timed out on ${side} (${side === 'base' ? input.base.ref : input.head.ref}) after ${Math.round(timeoutMs / 1000)} s and was killed with its whole process tree. Make it faster, or raise benchmark.timeoutSeconds in .github/perf.yml.`,
      { phase, side, timedOut: true, exitCode: result.exitCode, signal: result.signal, outputTail: tail(ctx, result.outputTail) },
    );
  }
  if (result.exitCode !== 0) {
    // The wrapper shell reports a child killed by signal n as exit code 128 + n.
    const signal = result.signal ?? signalOfExitCode(result.exitCode);
    const how = signal ? `was killed by ${signal}${signal === 'SIGKILL' ? ' (often the out-of-memory killer)' : ''}` : `exited with code ${result.exitCode}`;
    throw new BenchmarkRunError(
      `${what} ${how} on ${side} (${side === 'base' ? input.base.ref : input.head.ref}). Check that it runs in a clean checkout (cd to the repository root, then run it) — the last lines of its output are below.`,
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

/** The metrics that decide when to stop: each parsed benchmark's time (or first) metric, else the whole run's time. */
function primarySeriesKeys(series: Map<string, Series>): string[] {
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
 * size their own runs (go test, Google Benchmark) do not run longer when the code gets slower.
 */
function gatedRows(rows: ComparisonRow[]): ComparisonRow[] {
  const parsed = rows.filter((r) => r.benchmark !== WHOLE_RUN);
  return parsed.length > 0 ? parsed : rows;
}

function reportWarnings(ctx: RunContext, oneSided: OneSided): string[] {
  const warnings = [...ctx.warnings];
  const { filter } = ctx.input.settings;
  if (filter && ctx.seenNames.size > 0 && ctx.keptNames.size === 0) {
    const names = [...ctx.seenNames].slice(0, 10).join(', ');
    warnings.push(`benchmark.filter "${filter}" matched none of the ${ctx.seenNames.size} benchmarks in the output (${names}${ctx.seenNames.size > 10 ? ', …' : ''}); only the whole command was compared`);
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
