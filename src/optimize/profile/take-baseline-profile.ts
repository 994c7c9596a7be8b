import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchSettings } from '../../benchmark/bench-settings.ts';
import type { ProcessResult } from '../../benchmark/runner/run-process.ts';
import type { CommandSpec } from '../../config/command-spec.ts';
import { BenchCancelledError, ProfileFailedError, ProfileFormatError } from '../../domain/errors.ts';
import { forCodeBlock, forMarkdownInline } from '../../domain/untrusted-text.ts';
import type { RunUntrusted } from '../../sandbox/sandbox.ts';
import { benchmarkRunRequest } from '../benchmark-run-request.ts';
import type { BaselineProfile } from './baseline-profile.ts';
import { mergeProfileSummaries } from './merge-profile-summaries.ts';
import { parsePprofTop } from './parse-pprof-top.ts';
import { parsePstatsDump } from './parse-pstats-dump.ts';
import { planProfiler, type ProfilerPlan } from './plan-profiler.ts';
import type { ProfileSummary } from './profile-summary.ts';
import { readProfileFile } from './read-profile-file.ts';
import { renderProfileText } from './render-profile-text.ts';
import { summarizeCpuProfile } from './summarize-cpuprofile.ts';

/** `benchmark.profile`'s output kept for the prompt and the artifact. */
const MAX_CUSTOM_CHARS = 12_000;
/** More `.cpuprofile` files than this is not one benchmark's processes. */
const MAX_NODE_FILES = 64;

export interface TakeBaselineProfileInput {
  settings: BenchSettings;
  /** perf.yml's `benchmark.profile`. */
  profile?: CommandSpec | undefined;
  /** The starting commit's checkout, after setup and the baseline runs. */
  dir: string;
  sha: string;
  /** The baseline's `$HOME` (what setup installed there). */
  home: string;
  env: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Profiles the benchmark command once on the starting commit, in the sandbox exactly like a benchmark run (same
 * environment, network, limits, timeout and home), the profiler writing into a folder of its own that is made
 * writable for the run. Never fails the run: a profiler that cannot run or whose output does not parse gives a
 * `missing` profile with one line saying why; only cancellation is thrown.
 */
export async function takeBaselineProfile(
  input: TakeBaselineProfileInput,
  runProcess: RunUntrusted,
): Promise<BaselineProfile> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'perfbot-profile-'));
  try {
    const plan = planProfiler({ command: input.settings.command, profile: input.profile }, out);
    if (plan.kind === 'none') return { status: 'missing', reason: plan.reason };
    const summary = await profileWith(plan, input, out, runProcess);
    return typeof summary === 'string'
      ? { status: 'taken', text: summary }
      : { status: 'taken', text: renderProfileText(summary, input.sha) };
  } catch (error) {
    if (error instanceof BenchCancelledError) throw error;
    if (error instanceof ProfileFailedError || error instanceof ProfileFormatError)
      return { status: 'missing', reason: `the profile could not be taken: ${error.message}` };
    throw error;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function profileWith(
  plan: Exclude<ProfilerPlan, { kind: 'none' }>,
  input: TakeBaselineProfileInput,
  out: string,
  runProcess: RunUntrusted,
): Promise<ProfileSummary | string> {
  const { settings } = input;
  const run = async (command: CommandSpec, what: string) => {
    const request = benchmarkRunRequest(settings, 'benchmark', {
      command,
      cwd: input.dir,
      env: input.env,
      home: input.home,
      signal: input.signal,
    });
    // The checkout as always, and the profiler's own fresh folder outside it, where the profile files are written.
    const result = await runProcess({ ...request, writable: [input.dir, out] });
    if (result.aborted || input.signal?.aborted) throw new BenchCancelledError();
    const failure = describeFailure(result, what, settings.timeoutMs);
    if (failure !== undefined) throw new ProfileFailedError(failure);
    return result;
  };
  const profiled = await run(plan.command, plan.tool);
  switch (plan.kind) {
    case 'custom': {
      const text = forCodeBlock(profiled.stdout).slice(0, MAX_CUSTOM_CHARS);
      if (text.trim() === '') throw new ProfileFailedError('benchmark.profile printed nothing');
      return `Profile of the benchmark on the starting commit ${input.sha.slice(0, 12)}, printed by benchmark.profile:\n\n${text}\n`;
    }
    case 'node':
      return summarizeNodeProfiles(out, input.dir);
    case 'go': {
      const outputs: string[] = [];
      for (const argv of plan.summarize) outputs.push((await run(argv, 'go tool pprof')).stdout);
      const [flat = '', cum = '', lines] = outputs;
      return parsePprofTop([flat, cum], { root: input.dir, ...(lines === undefined ? {} : { lines }) });
    }
    case 'python':
      return parsePstatsDump((await run(plan.summarize[0] ?? [], 'pstats')).stdout, input.dir);
  }
}

/** Every process node started with the flag writes its own file: the summary covers them all. */
async function summarizeNodeProfiles(out: string, root: string): Promise<ProfileSummary> {
  // Only without a sandbox could the benchmark have removed the folder; still a missing profile, not a failed run.
  const listed = await readdir(out).catch(() => undefined);
  if (listed === undefined) throw new ProfileFailedError('the folder node --cpu-prof writes into could not be read');
  const names = listed.filter((name) => name.endsWith('.cpuprofile'));
  if (names.length === 0)
    throw new ProfileFailedError(
      'node --cpu-prof wrote no .cpuprofile file (did the benchmark command start node itself?)',
    );
  if (names.length > MAX_NODE_FILES)
    throw new ProfileFailedError(`node --cpu-prof wrote ${names.length} profiles, more than ${MAX_NODE_FILES}`);
  const summaries: ProfileSummary[] = [];
  for (const name of names.sort())
    summaries.push(summarizeCpuProfile(await readProfileFile(path.join(out, name)), { root }));
  return mergeProfileSummaries(summaries);
}

/** One line: how the profiled run failed, with the last line it printed (the repository's output, cleaned). */
function describeFailure(result: ProcessResult, what: string, timeoutMs: number): string | undefined {
  const how = result.limitExceeded
    ? result.limitExceeded.message
    : result.timedOut
      ? `timed out after ${Math.round(timeoutMs / 1000)} s`
      : result.exitCode !== 0
        ? `exited with code ${result.exitCode}`
        : undefined;
  if (how === undefined) return undefined;
  const last = forCodeBlock(result.outputTail)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .pop();
  return `${what} ${how}${last === undefined ? '' : `: ${forMarkdownInline(last, 200)}`}`;
}
