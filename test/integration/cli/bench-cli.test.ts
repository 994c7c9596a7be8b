import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll, commitFiles, createTempDir, createTempRepo, type TempRepo } from '../../helpers/git-fixtures.ts';
import { runCli, runCliProcess } from '../../helpers/run-cli.ts';

/**
 * A real benchmark harness: busy-loops `work(n)` and prints Bencher Metric Format JSON. Each timed call takes a few
 * milliseconds (not a fraction of one), so one preemption on a loaded machine does not swamp it.
 */
function harness(sortRounds: number): string {
  return `const spin = (n) => { let x = 0; for (let i = 0; i < n; i++) x = (x * 31 + i) >>> 0; return x; };
function measure(fn) { fn(); const t = []; for (let i = 0; i < 5; i++) { const s = process.hrtime.bigint(); fn(); t.push(Number(process.hrtime.bigint() - s)); } return t.sort((a, b) => a - b)[2]; }
console.log(JSON.stringify({
  sort: { latency: { value: measure(() => spin(${sortRounds} * 2000000)) } },
  parse: { latency: { value: measure(() => spin(4000000)) } },
}));
`;
}

// A strict confidence level: these tests assert that unchanged benchmarks are not flagged, which at the default
// 95% would fail by chance in a few percent of runs on a noisy machine. The planted 5x slowdown is found anyway,
// even with six pairs on a loaded CI machine (a 3x one was, once, too close to the noise of a busy run).
const PERF_YML = `benchmark:
  command: ["node", "bench.js"]
  format: bmf
  runs: { min: 6, max: 12 }
thresholds:
  regressionGate: 5%
  confidence: 0.99
`;

let repo: TempRepo;
let tmp: string;

beforeAll(async () => {
  repo = await createTempRepo({ files: { 'bench.js': harness(1), '.github/perf.yml': PERF_YML } });
  await repo.git('checkout', '-q', '-b', 'slow');
  await commitFiles(repo.dir, { 'bench.js': harness(5) }, 'make sort 5x slower');
  tmp = await createTempDir('perfbot-cli-tmp-');
});
afterAll(cleanupAll);

// EDITOR/PAGER as npm and most shells set them: simple-git refuses to run with them unless git is hardened.
const env = () => ({ TMPDIR: tmp, EDITOR: 'vi', PAGER: 'less' });

describe('perfbot bench', () => {
  it('finds a planted slowdown, leaves the unchanged benchmark unflagged, and exits 1 for the gate', async () => {
    const run = await runCli(['bench', '--repo', repo.dir, '--base', 'main', '--head', 'slow', '--json'], {
      env: env(),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['base', 'head', 'runs', 'comparisons']));
    expect(report.base).toEqual({ ref: 'main', sha: repo.shas[0] });
    expect(report.head.ref).toBe('slow');
    expect(report.runs.base).toBe(report.runs.head);
    expect(report.runs.base).toBeGreaterThanOrEqual(6);
    const row = (name: string) =>
      report.comparisons.find(
        (c: { benchmark: string; metric: string }) => c.benchmark === name && c.metric === 'time',
      );
    expect(row('sort')).toMatchObject({ verdict: 'slower', unit: 'ns' });
    expect(row('sort').change).toBeGreaterThan(1);
    expect(row('sort').ci[0]).toBeGreaterThan(0.02);
    expect(['unchanged', 'inconclusive']).toContain(row('parse').verdict);
    for (const key of ['benchmark', 'metric', 'unit', 'base', 'head', 'change', 'ci', 'p', 'verdict'])
      expect(row('sort')).toHaveProperty(key);
    expect(await leftovers()).toEqual([]);
  });

  it('prints the markdown report with the verdict first', async () => {
    // Ten pairs at most (looks at 6 and 10): a loaded machine may need the second look to decide.
    const run = await runCli(['bench', '--repo', repo.dir, '--base', 'main', '--head', 'slow', '--runs', '10'], {
      env: env(),
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(/^🔴 \*\*/);
    expect(run.stdout).toMatch(/^\| `sort` \|.*\| 🔴 slower \|$/m);
    expect(run.stdout).toContain('| `sort` |');
    expect(run.stdout).toMatch(/stopped at (6|10) pairs/);
  });

  it('exits 0 with an A/A comparison of a commit with itself', async () => {
    const run = await runCli(
      ['bench', '--repo', repo.dir, '--base', 'main', '--head', 'main', '--runs', '6', '--json'],
      { env: env() },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const flagged = report.comparisons.filter(
      (c: { verdict: string; benchmark: string }) => c.verdict === 'slower' || c.verdict === 'faster',
    );
    expect(flagged.filter((c: { benchmark: string }) => c.benchmark !== '(whole run)')).toEqual([]);
  });
});

describe('perfbot bench: what it says about what it could not compare', () => {
  it('a benchmark added in head is reported, not compared, and does not fail the gate through the whole-run rows', async () => {
    const r = await createTempRepo({ files: { 'bench.js': harness(1), '.github/perf.yml': PERF_YML } });
    await r.git('checkout', '-q', '-b', 'more');
    // The added benchmark does three times the others' work, so the whole run is clearly longer in head.
    const extra = harness(1).replace(
      'parse: {',
      'added: { latency: { value: measure(() => spin(20000000)) } },\n  parse: {',
    );
    await commitFiles(r.dir, { 'bench.js': extra }, 'add a benchmark');
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'more', '--runs', '6', '--json'], {
      env: env(),
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.warnings).toEqual(['only in head, so not compared: added']);
    expect(report.comparisons.some((c: { benchmark: string }) => c.benchmark === 'added')).toBe(false);
    const whole = report.comparisons.find(
      (c: { benchmark: string; metric: string }) => c.benchmark === '(whole run)' && c.metric === 'time',
    );
    expect(whole.change).toBeGreaterThan(0.2);
    expect(report.regression).toBe(false);
    expect(run.code).toBe(0);
  });

  it('a filter that matches nothing, and output no parser recognises, are said in the report', async () => {
    const r = await createTempRepo({
      files: {
        'bench.js': harness(1),
        '.github/perf.yml': PERF_YML.replace('format: bmf', 'format: bmf\n  filter: "zzz*"'),
      },
    });
    const filtered = await runCli(
      ['bench', '--repo', r.dir, '--base', 'main', '--head', 'main', '--runs', '3', '--json'],
      { env: env() },
    );
    expect(JSON.parse(filtered.stdout).warnings).toEqual([
      'benchmark.filter "zzz*" matched none of the 2 benchmarks in the output (sort, parse); only the whole command was compared',
    ]);
    const plain = await createTempRepo({
      files: { '.github/perf.yml': 'benchmark:\n  command: "echo hello"\n  runs: 3\n' },
    });
    const unrecognised = await runCli(['bench', '--repo', plain.dir, '--base', 'main', '--head', 'main', '--json'], {
      env: env(),
    });
    expect(unrecognised.code).toBe(0);
    expect(JSON.parse(unrecognised.stdout).warnings[0]).toMatch(
      /^the benchmark output was not recognised as any known format/,
    );
  });
});

describe('perfbot bench: bad input exits 2 with a message naming the fix', () => {
  async function repoWith(files: Record<string, string>): Promise<TempRepo> {
    return createTempRepo({ files });
  }

  it('a directory that is not a git repository', async () => {
    const dir = await createTempDir('not-a-repo-');
    const run = await runCli(['bench', '--repo', dir], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a git repository/);
  });

  it('a ref that does not exist', async () => {
    const run = await runCli(['bench', '--repo', repo.dir, '--base', 'main', '--head', 'no-such-branch'], {
      env: env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-branch/);
    expect(run.stderr).toMatch(/not found/);
  });

  it('a missing .github/perf.yml', async () => {
    const r = await repoWith({ 'README.md': 'hi' });
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no .github/perf.yml at the base commit');
    expect(run.stderr).toContain('command:');
  });

  it('an invalid .github/perf.yml names the key, the expectation and the value', async () => {
    const r = await repoWith({ '.github/perf.yml': 'benchmark:\n  command: "true"\n  runs:\n    max: ten\n' });
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('benchmark.runs.max');
    expect(run.stderr).toContain('"ten"');
  });

  it('a benchmark command that fails shows its last output lines', async () => {
    const r = await repoWith({ '.github/perf.yml': 'benchmark:\n  command: "echo building; echo boom >&2; exit 3"\n' });
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('benchmark.command exited with code 3');
    expect(run.stderr).toContain('boom');
    expect(await leftovers()).toEqual([]);
  });

  it('a benchmark command that hangs is killed with its detached children', async () => {
    const marker = `perfbot-hang-${process.pid}-${Date.now()}`;
    const r = await repoWith({
      '.github/perf.yml': `benchmark:\n  command: "setsid sleep 1000 ${marker} & sleep 1000"\n  timeoutSeconds: 1\n`,
    });
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('timed out');
    expect(run.stderr).toContain('benchmark.timeoutSeconds');
    expect(await processesWith(marker)).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('Ctrl-C stops the benchmark processes, removes the worktrees and exits 130', async () => {
    const marker = `perfbot-int-${process.pid}-${Date.now()}`;
    const r = await repoWith({
      '.github/perf.yml': `benchmark:\n  command: "setsid sleep 1000 ${marker} & sleep 1000"\n  timeoutSeconds: 600\n`,
    });
    const running = runCliProcess(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], { env: env() });
    for (let i = 0; i < 200 && (await processesWith(marker)).length === 0; i++)
      await new Promise((done) => setTimeout(done, 50));
    expect(await processesWith(marker)).not.toEqual([]);
    running.child.kill('SIGINT');
    const run = await running.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted (SIGINT)');
    expect(await processesWith(marker)).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('output that cannot be parsed in the configured format', async () => {
    const r = await repoWith({ '.github/perf.yml': 'benchmark:\n  command: "echo garbage"\n  format: hyperfine\n' });
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('could not be parsed as hyperfine');
  });

  it('never passes the caller’s secrets to the benchmark', async () => {
    const r = await repoWith({ '.github/perf.yml': 'benchmark:\n  command: "env; exit 1"\n' });
    const secret = 'ghs_0123456789abcdefghijklmnopqrstuvwxyzAB';
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], {
      env: {
        ...env(),
        GITHUB_TOKEN: secret,
        REDIS_URL: 'redis://secret-host:6379',
        ANTHROPIC_API_KEY: 'sk-ant-secret',
      },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PATH=');
    expect(run.stderr).not.toContain(secret);
    expect(run.stderr).not.toContain('secret-host');
    expect(run.stderr).not.toContain('sk-ant-secret');
  });

  it('usage errors', async () => {
    expect((await runCli(['bench', '--runs', 'ten'])).stderr).toContain('--runs: expected an integer ≥ 3, got "ten"');
    expect((await runCli(['bench', '--nope'])).code).toBe(2);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('perfbot parse', () => {
  const fixture = path.resolve(import.meta.dirname, '../../fixtures/bench-outputs/gotest-bench.txt');

  it('prints the normalized JSON of a real go test -bench output', async () => {
    const run = await runCli(['parse', fixture]);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect(parsed.format).toBe('go');
    expect(parsed.benchmarks.length).toBeGreaterThan(0);
    expect(parsed.benchmarks[0].metrics.time.unit).toBe('ns');
    expect(await readFile(fixture, 'utf8')).toContain(parsed.benchmarks[0].name.split('.').pop().replace(/-\d+$/, ''));
  });

  it('rejects an unknown format and a missing file with exit code 2', async () => {
    const bad = await runCli(['parse', fixture, '--format', 'junit']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown --format "junit"');
    const missing = await runCli(['parse', '/nonexistent/out.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read "/nonexistent/out.json": ENOENT');
  });
});

async function processesWith(marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(marker)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`);
  }
  return found;
}

/** What perfbot left in its temp dir (tsx keeps a compile cache there, which is not ours). */
async function leftovers(): Promise<string[]> {
  return (await readdir(tmp)).filter((name) => !name.startsWith('tsx-'));
}
