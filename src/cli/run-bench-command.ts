import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { benchSettingsFromConfig } from '../benchmark/bench-settings-from-config.ts';
import type { BenchReport } from '../benchmark/bench-report.ts';
import { compareRefs } from '../benchmark/compare-refs.ts';
import { MEASURES, type Measure } from '../config/benchmark-config.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import { loadRepoConfig } from '../config/load-repo-config.ts';
import { parseRepoConfig } from '../config/parse-repo-config.ts';
import { MINIMAL_PERF_YML } from '../config/perf-yml-docs.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import { RepoConfigError, UsageError } from '../domain/errors.ts';
import { renderBenchJson } from '../reports/bench-report/render-bench-json.ts';
import { renderBenchReport } from '../reports/bench-report/render-bench-report.ts';
import { createLocalWorkspace } from '../workspace/open-local-repo.ts';
import { createSandbox } from '../sandbox/create-sandbox.ts';
import { machineFingerprint } from '../calibration/machine-fingerprint.ts';
import { readMachineFacts } from '../calibration/read-machine-facts.ts';
import { localCalibrationStore } from './local-calibration-store.ts';
import type { CliIo } from './cli-io.ts';
import { parseCliOptions, parsePositiveInt } from './parse-cli-options.ts';
import { formatProgress } from './print-progress.ts';
import { readFileAtRef } from './read-file-at-ref.ts';

const CONFIG_PATH = '.github/perf.yml';

export interface BenchCommandOptions {
  repo: string;
  base?: string;
  head: string;
  configFile?: string;
  runs?: number;
  /** `--measure`: overrides `benchmark.measure`. */
  measure?: Measure;
  seed: number;
  /** `--no-sandbox`: run the commands without the sandbox (your own code only). */
  noSandbox?: boolean;
}

/** `perfbot bench`: compares two commits of a local repository and prints the report. */
export async function runBenchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliOptions(
    'bench',
    args,
    {
      repo: { type: 'string' },
      base: { type: 'string' },
      head: { type: 'string' },
      config: { type: 'string' },
      runs: { type: 'string' },
      measure: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      'no-sandbox': { type: 'boolean' },
    },
    false,
  );
  const report = await benchLocalRepo(
    {
      repo: path.resolve(values.repo ?? '.'),
      base: values.base,
      head: values.head ?? 'HEAD',
      configFile: values.config,
      runs: parsePositiveInt('--runs', values.runs, 3),
      ...(values.measure === undefined ? {} : { measure: parseMeasure(values.measure) }),
      seed: parsePositiveInt('--seed', values.seed, 0) ?? randomInt(2 ** 31),
      noSandbox: values['no-sandbox'] ?? false,
    },
    io,
  );
  io.stdout(values.json ? `${renderBenchJson(report)}\n` : `${renderBenchReport(report)}\n`);
  return report.regression ? 1 : 0;
}

/** The whole local flow, shared by `bench` and `demo`: temp mirror + worktrees, always cleaned up. */
export async function benchLocalRepo(options: BenchCommandOptions, io: CliIo): Promise<BenchReport> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'perfbot-'));
  try {
    const workspace = await createLocalWorkspace(options.repo, workDir);
    const headSha = await workspace.resolveRef(options.head);
    const baseRef = options.base ?? (await workspace.defaultBranch());
    const baseSha = options.base
      ? await workspace.resolveRef(options.base)
      : await workspace.mergeBase(await workspace.resolveRef(baseRef), headSha);
    const config = await readConfig(options, baseSha);
    const progress = (event: Parameters<typeof formatProgress>[0]) => {
      if (io.isTty) io.stderr(`\r\x1b[2K[perfbot] ${formatProgress(event)}`);
    };
    const sandbox = createSandbox({
      mode: options.noSandbox ? 'none' : 'auto',
      warn: (message) => io.stderr(`[perfbot] ${message}\n`),
    });
    const calibration = await (
      await localCalibrationStore(options.repo)
    ).get(options.repo, machineFingerprint(readMachineFacts()).id);
    const report = await compareRefs(
      {
        workspace,
        task: `cli-${process.pid}-${Date.now().toString(36)}`,
        base: { ref: baseRef, sha: baseSha },
        head: { ref: options.head, sha: headSha },
        settings: benchSettingsFromConfig(config, {
          runs: options.runs,
          planByTime: true,
          ...(options.measure === undefined ? {} : { measure: options.measure }),
        }),
        env: buildChildEnv(process.env, {}),
        seed: options.seed,
        signal: io.signal,
        ...(calibration === null ? {} : { calibration }),
      },
      { runProcess: sandbox.run, isolation: sandbox.description, now: () => performance.now(), onProgress: progress },
    );
    if (io.isTty) io.stderr('\r\x1b[2K');
    return report;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function parseMeasure(value: string): Measure {
  const measure = MEASURES.find((m) => m === value);
  if (measure === undefined) throw new UsageError(`--measure: expected one of ${MEASURES.join(', ')}, got "${value}"`);
  return measure;
}

/** perf.yml for a local run: `--config FILE`, else `.github/perf.yml` at `baseSha` (never the working tree). */
export async function readConfig(
  options: Pick<BenchCommandOptions, 'repo' | 'configFile'>,
  baseSha: string,
): Promise<RepoConfig> {
  if (options.configFile) return loadRepoConfig(options.configFile);
  const text = await readFileAtRef(options.repo, baseSha, CONFIG_PATH);
  if (text === null) {
    const example = MINIMAL_PERF_YML.trimEnd().replace(/^/gm, '  ');
    throw new RepoConfigError(
      `no ${CONFIG_PATH} at the base commit ${baseSha.slice(0, 7)}. Perfbot reads its configuration from the base side, so a pull request cannot change which commands run. Commit a ${CONFIG_PATH} with at least:\n\n${example}\n\nor pass --config FILE.`,
    );
  }
  return parseRepoConfig(text, CONFIG_PATH);
}
