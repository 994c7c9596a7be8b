import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { benchSettingsFromConfig } from '../benchmark/bench-settings-from-config.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import { calibrateCommit } from '../calibration/calibrate-commit.ts';
import { machineFingerprint } from '../calibration/machine-fingerprint.ts';
import { readMachineFacts } from '../calibration/read-machine-facts.ts';
import { renderCalibrationReport } from '../reports/calibration-report/render-calibration-report.ts';
import { createSandbox } from '../sandbox/create-sandbox.ts';
import { createLocalWorkspace } from '../workspace/open-local-repo.ts';
import type { CliIo } from './cli-io.ts';
import { localCalibrationStore } from './local-calibration-store.ts';
import { parseCliOptions, parsePositiveInt } from './parse-cli-options.ts';
import { formatProgress } from './print-progress.ts';
import { readConfig } from './run-bench-command.ts';

/**
 * `perfbot calibrate`: an A/A run of one commit (default: the default branch) that measures each benchmark's
 * paired noise on this machine, prints the table and keeps it under `.git/perfbot/` for later `perfbot bench` runs.
 */
export async function runCalibrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliOptions(
    'calibrate',
    args,
    {
      repo: { type: 'string' },
      ref: { type: 'string' },
      config: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      'no-sandbox': { type: 'boolean' },
    },
    false,
  );
  const repo = path.resolve(values.repo ?? '.');
  const pairs = parsePositiveInt('--runs', values.runs, 3);
  const seed = parsePositiveInt('--seed', values.seed, 0) ?? randomInt(2 ** 31);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'perfbot-'));
  try {
    const workspace = await createLocalWorkspace(repo, workDir);
    const ref = values.ref ?? (await workspace.defaultBranch());
    const sha = await workspace.resolveRef(ref);
    const config = await readConfig({ repo, configFile: values.config }, sha);
    const settings = benchSettingsFromConfig(config);
    const sandbox = createSandbox({
      mode: values['no-sandbox'] ? 'none' : 'auto',
      warn: (message) => io.stderr(`[perfbot] ${message}\n`),
    });
    const progress = (event: Parameters<typeof formatProgress>[0]) => {
      if (io.isTty) io.stderr(`\r\x1b[2K[perfbot] ${formatProgress(event)}`);
    };
    const fingerprint = machineFingerprint(readMachineFacts());
    const { calibration } = await calibrateCommit(
      {
        workspace,
        task: `cli-calibrate-${process.pid}-${Date.now().toString(36)}`,
        repo,
        side: { ref, sha },
        settings,
        env: buildChildEnv(process.env, {}),
        seed,
        signal: io.signal,
        fingerprint,
        now: () => new Date(),
        ...(pairs === undefined ? {} : { pairs }),
      },
      { runProcess: sandbox.run, isolation: sandbox.description, now: () => performance.now(), onProgress: progress },
    );
    if (io.isTty) io.stderr('\r\x1b[2K');
    await (await localCalibrationStore(repo)).save(calibration);
    const options = {
      noiseBand: settings.noiseBand,
      alpha: 1 - settings.confidence,
      ref,
      kept: 'Kept in `.git/perfbot/calibration.json` for 30 days.',
    };
    io.stdout(
      values.json ? `${JSON.stringify(calibration, null, 2)}\n` : `${renderCalibrationReport(calibration, options)}\n`,
    );
    return 0;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
