import { execFile } from 'node:child_process';
import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, createTempDir } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Stage {
  name: string;
  workdir: string;
  env: Record<string, string>;
  /** `COPY [--from=stage] src… dest`, in order. */
  copies: { from?: string; sources: string[]; dest: string }[];
  runs: string[];
  cmd?: string[];
}

/** The stages of a Dockerfile as far as this test needs them: WORKDIR, ENV, COPY, RUN and CMD (exec form). */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const stage = stages.at(-1);
    switch (instruction!.toUpperCase()) {
      case 'FROM':
        stages.push({ name: rest[2] ?? rest[0]!, workdir: '/', env: {}, copies: [], runs: [] });
        break;
      case 'WORKDIR':
        stage!.workdir = args;
        break;
      case 'ENV':
        for (const pair of args.split(/\s+/)) {
          const [key, value] = pair.split('=');
          stage!.env[key!] = value!;
        }
        break;
      case 'COPY': {
        const words = rest.filter((w) => !w.startsWith('--') || w.startsWith('--from='));
        const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined;
        stage!.copies.push({ from, sources: words.slice(0, -1), dest: words.at(-1)! });
        break;
      }
      case 'RUN':
        stage!.runs.push(args);
        break;
      case 'CMD':
        stage!.cmd = JSON.parse(args) as string[];
        break;
    }
  }
  return stages;
}

/**
 * Copies what one stage's COPY lines name into its folder (`dirs`, one per stage standing for its WORKDIR): from the
 * build context (this checkout) or from an earlier stage's folder.
 */
async function applyCopies(stage: Stage, stages: Stage[], dirs: Map<string, string>): Promise<void> {
  const inStage = (s: Stage, file: string) =>
    path.join(dirs.get(s.name)!, path.isAbsolute(file) ? path.relative(s.workdir, file) : file);
  for (const copy of stage.copies) {
    const fromStage = stages.find((s) => s.name === copy.from);
    for (const source of copy.sources) {
      const from = fromStage ? inStage(fromStage, source) : path.join(ROOT, source);
      const intoFolder = copy.dest.endsWith('/') || copy.sources.length > 1;
      const dest = intoFolder ? path.join(inStage(stage, copy.dest), path.basename(source)) : inStage(stage, copy.dest);
      await mkdir(path.dirname(dest), { recursive: true });
      await cp(from, dest, { recursive: true, verbatimSymlinks: true });
    }
  }
}

let harness: AppHarness | undefined;
afterAll(async () => {
  await harness?.stop();
  await cleanupAll();
});

describe('the runtime the Dockerfile describes', () => {
  it('starts from exactly what the image copies, answers /healthz and runs a /perf bench', async () => {
    const stages = parseDockerfile(await readFile(path.join(ROOT, 'Dockerfile'), 'utf8'));
    const deps = stages.find((s) => s.name === 'deps')!;
    const runtime = stages.at(-1)!;
    expect(runtime.cmd).toEqual(['npm', 'start']);

    const dirs = new Map<string, string>();
    for (const stage of [deps, runtime]) dirs.set(stage.name, await createTempDir(`perfbot-image-${stage.name}-`));
    await applyCopies(deps, stages, dirs);
    // The deps stage's one RUN: the production install, from npm's cache when it has the packages already.
    expect(deps.runs).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
    await run('npm', [...deps.runs[0]!.split(/\s+/).slice(1), '--prefer-offline'], {
      cwd: dirs.get('deps')!,
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    await applyCopies(runtime, stages, dirs);
    const root = dirs.get('runtime')!;

    // Nothing of the development tree came along: no tests, no dev dependencies.
    await expect(readFile(path.join(root, 'test/helpers/app-harness.ts'))).rejects.toThrow();
    await expect(readFile(path.join(root, 'node_modules/vitest/package.json'))).rejects.toThrow();

    // `npm start` as the image runs it (CMD), with npm's script run directly so that signals reach Node.
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    harness = await startAppHarness({
      env: { ...runtime.env, PERFBOT_WORK_DIR: await createTempDir('perfbot-image-work-') },
      launch: { root, command: ['sh', '-c', `exec ${pkg.scripts.start}`] },
    });
    const health = await fetch(`${harness.baseUrl}/healthz`);
    expect(health.status, await health.clone().text()).toBe(200);

    const delivery = await harness.comment('/perf bench');
    expect(delivery.status, delivery.body).toBe(200);
    const check = await eventually(
      'a completed perf check run',
      () => harness!.fake.repo.checkRuns.find((r) => r.name === 'perf' && r.status === 'completed'),
      harness,
      120_000,
    );
    expect(check.conclusion, check.output.summary ?? undefined).toBe('failure');
    expect(check.output.title).toMatch(/sort .*slower/);
    // The finished job is counted on /metrics, with its duration.
    const metrics = await eventually(
      'the finished job on /metrics',
      async () => {
        const text = await (await fetch(`${harness!.baseUrl}/metrics`)).text();
        return /^perfbot_jobs_total\{kind="bench",outcome="completed"\} 1$/m.test(text) ? text : undefined;
      },
      harness,
    );
    expect(metrics).toMatch(/^perfbot_job_duration_seconds_count\{kind="bench",outcome="completed"\} 1$/m);
    expect(metrics).toMatch(/^perfbot_job_duration_seconds_sum\{kind="bench",outcome="completed"\} [1-9]/m);
    harness.fake.assertNoUnexpected();
  }, 240_000);
});
