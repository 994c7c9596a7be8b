import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChildEnv } from '../../src/benchmark/runner/build-child-env.ts';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';
import type { FakeGitHub } from '../fakes/fake-github-server.ts';
import { benchHarness, eventually, startAppHarness, WEBHOOK_SECRET, type AppHarness } from '../helpers/app-harness.ts';
import { cleanupAll, createTempDir, writeFiles } from '../helpers/git-fixtures.ts';
import { checkSuitePayload, seedCheckRun } from '../helpers/github-ci.ts';
import { createOptimizeFixture, startingFiles } from '../integration/optimize/optimize-fixture.ts';
import { processesWith } from '../helpers/find-processes.ts';

// A hostile pull request, benchmarked with `/perf bench` and optimized with `/perf optimize` by the real app
// (`npm start`'s entry point, the fake GitHub, real Redis, a real bare remote), in the bubblewrap sandbox.
// The PR's setup, benchmark and test command run test/e2e/fixtures/attacker/attack.sh, and the agent of the
// optimize run (fixtures/attacker/hostile-agent.mjs) both attacks itself and writes the attacks
// (fixtures/attacker/probes.cjs) into the file it edits, so they run again in every VERIFY process loading it.
// Every attack that works is printed as `PERFBOT-ATTACK-SUCCEEDED …` and fails its command, so a maintainer
// sees a normal report exactly when every attack failed. The controls run the same attacks without the
// sandbox and see them work, so each check here can fail: the attacks are real, not no-ops.

const FIXTURES = fileURLToPath(new URL('./fixtures/attacker/', import.meta.url));
const AGENT_FIXTURES = fileURLToPath(new URL('../fixtures/agents/', import.meta.url));
const MARKER = 'PERFBOT-ATTACK-SUCCEEDED';

let harness: AppHarness | undefined;
/** Every attacker of this file: whatever its daemons left on the host is removed after each test. */
const attackers: Attacker[] = [];
afterEach(async () => {
  const h = harness;
  harness = undefined;
  try {
    if (h) expect(await h.stop()).toBe(0);
  } finally {
    for (const a of attackers.splice(0)) await removeDaemons(a);
    await cleanupAll();
  }
});

/** One attacker's identity and the host-side things it goes after. */
interface Attacker {
  uuid: string;
  /** A value only the app's own environment holds. */
  canary: string;
  /** The worker's HOME (the app's, given as HOME): only a sentinel file in it. */
  workerHome: string;
  keyPath: string;
  publicKey: string;
  privateKey: string;
}

async function prepareAttacker(): Promise<Attacker> {
  const uuid = randomUUID();
  const workerHome = await createTempDir('perfbot-attacker-worker-home-');
  await writeFile(path.join(workerHome, '.perfbot-sentinel'), 'the worker home\n');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyDir = await createTempDir('perfbot-attacker-key-');
  const keyPath = path.join(keyDir, 'app.private-key.pem');
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  await writeFile(keyPath, pem, { mode: 0o600 });
  const attacker = {
    uuid,
    canary: `canary-${randomUUID()}`,
    workerHome,
    keyPath,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: pem,
  };
  attackers.push(attacker);
  return attacker;
}

/** A fixture file with its `__NAME__` placeholders replaced (every placeholder must be given). */
async function fixture(name: string, values: Record<string, string>): Promise<string> {
  let text = await readFile(path.join(FIXTURES, name), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`__${key}__`, value);
  const left = /__[A-Z_]+__/.exec(text);
  if (left) throw new Error(`${name}: placeholder ${left[0]} not filled`);
  return text;
}

const portOf = (url: string) => new URL(url).port || '6379';

/** What attack.sh needs to know of the harness (an attacker would find the ports by scanning). */
function attackValues(h: AppHarness, a: Attacker, keyPath = a.keyPath): Record<string, string> {
  return {
    UUID: a.uuid,
    WEBHOOK_SECRET,
    CANARY: a.canary,
    KEY_PATH: keyPath,
    REDIS_PORT: portOf(h.redisUrl),
    GITHUB_PORT: portOf(h.fake.url),
    APP_PORT: portOf(h.baseUrl),
    WORK_DIR: h.workDir,
    WORKER_HOME: a.workerHome,
  };
}

/** The app's environment: the worker's HOME, a canary, and the App key from a file (PRIVATE_KEY_PATH). */
function appEnv(a: Attacker, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: a.workerHome,
    PRIVATE_KEY: '',
    PRIVATE_KEY_PATH: a.keyPath,
    PERFBOT_ATTACK_CANARY: a.canary,
    ...extra,
  };
}

/**
 * Kills the attack's daemons that escaped (the controls' on purpose; the sandboxed tests' only if it has a
 * hole): the processes this file's attacks started, found by the uuid in their command line, and their
 * children (`sleep`); then removes their marker.
 */
async function removeDaemons(a: Attacker): Promise<void> {
  const daemons = await processesWith(a.uuid);
  const children: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const parent = Number(/\) \S+ (\d+)/.exec(stat)?.[1]);
    if (daemons.includes(parent)) children.push(Number(name));
  }
  for (const pid of [...daemons, ...children]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await rm(`/tmp/escaped-${a.uuid}`, { force: true });
}

/** The escaped daemon's traces on the host: a live process with the uuid, or one of the files it writes. */
async function daemonTraces(a: Attacker): Promise<string[]> {
  const traces = (await processesWith(a.uuid)).map((pid) => `process ${pid}`);
  for (const file of [`/tmp/escaped-${a.uuid}`, path.join(a.workerHome, `escaped-${a.uuid}`)]) {
    if (existsSync(file)) traces.push(file);
  }
  return traces;
}

/**
 * Reads the attack reports the sandboxed commands leave in their checkouts (`attack-report-*.txt`,
 * `bots/attack-report-*.txt`, `base-report-*.txt`) while the run lasts: the worktrees are removed after it.
 */
function watchReports(workDir: string): { stop(): void; lines(): string[] } {
  const seen = new Set<string>();
  const look = () => {
    const worktrees = path.join(workDir, 'worktrees');
    for (const tree of readdirOrEmpty(worktrees)) {
      for (const dir of [path.join(worktrees, tree), path.join(worktrees, tree, 'bots')]) {
        for (const name of readdirOrEmpty(dir).filter((file) => /^(?:attack|base)-report-.*\.txt$/.test(file))) {
          void readFile(path.join(dir, name), 'utf8').then(
            (text) => text.trim() && seen.add(`${tree}: ${text.trim()}`),
            () => undefined,
          );
        }
      }
    }
  };
  const timer = setInterval(look, 40);
  return { stop: () => clearInterval(timer), lines: () => [...seen].sort() };
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const BENCH_PERF_YML = `benchmark:
  setup: ["bash", "setup.sh"]
  command: ["bash", "bench.sh"]
  format: bmf
  runs: 6
  warmup: 0
thresholds:
  regressionGate: 5%
  confidence: 0.99
`;

/** main: the maintainers' benchmark, whose setup and runs first check that nothing of the PR reached them. */
async function baseBenchFiles(a: Attacker): Promise<Record<string, string>> {
  return {
    'bench.js': benchHarness(1),
    'check-base.sh': await fixture('check-base.sh', { UUID: a.uuid }),
    'setup.sh': 'exec bash check-base.sh setup\n',
    'bench.sh': 'exec bash check-base.sh bench\n',
  };
}

/** The hostile PR: the same benchmark, but its setup and benchmark run attack.sh first. */
async function hostileBenchFiles(h: AppHarness, a: Attacker): Promise<Record<string, string>> {
  return {
    'attack.sh': await fixture('attack.sh', attackValues(h, a)),
    'setup.sh': 'exec bash attack.sh setup\n',
    'bench.sh': 'exec bash attack.sh bench\n',
  };
}

/** Comments `/perf bench` and waits for the run's finished status comment and completed check run. */
async function bench(h: AppHarness): Promise<{ status: string; conclusion: string | null; checkText: string }> {
  const checksBefore = h.fake.repo.checkRuns.filter((c) => c.status === 'completed').length;
  const statusBefore = h.statusComments().length;
  const delivery = await h.comment('/perf bench');
  expect(delivery.status, delivery.body).toBe(200);
  const check = await eventually(
    'a completed perf check run',
    () => h.fake.repo.checkRuns.filter((c) => c.status === 'completed')[checksBefore],
    h,
    90_000,
  );
  const status = await eventually(
    'the finished status comment',
    () => {
      const body = h.statusComments()[statusBefore]?.body;
      return body !== undefined && /How we measured|failed|could not/.test(body) ? body : undefined;
    },
    h,
    30_000,
  );
  return {
    status,
    conclusion: check.conclusion,
    checkText: `${check.output.title}\n${check.output.summary}\n${check.output.text ?? ''}`,
  };
}

/** What the head side's attack.sh tried, in the order it reports it. */
const ATTACK_SH_TRIED = 'environ key-file network work-dir worker-home own-home base-side daemon inherited-fds';

describe('a hostile pull request, through the real app in the sandbox', () => {
  it('/perf bench: two normal reports; no secret, key file, Redis, GitHub, work dir, worker home, base side, planted home or daemon reached', async () => {
    const a = await prepareAttacker();
    harness = await startAppHarness({
      baseFiles: await baseBenchFiles(a),
      headFiles: { 'README.md': '# a pull request\n' },
      perfYml: BENCH_PERF_YML,
      env: appEnv(a),
    });
    const h = harness;
    // The App key is read from PRIVATE_KEY_PATH (a file an attacker would cat); the fake checks JWTs against it.
    h.fake.setAppPublicKey(a.publicKey);
    const head = await h.pushToPull(await hostileBenchFiles(h, a));
    const reports = watchReports(h.workDir);
    try {
      // Two runs: what the first one planted in its home must be gone for the second one's setup.
      for (const run of [1, 2]) {
        const { status, conclusion, checkText } = await bench(h);
        const context = `run ${run}:\n${status}\n--- reports ---\n${reports.lines().join('\n')}`;
        expect(status, context).not.toContain(MARKER);
        expect(checkText, context).not.toContain(MARKER);
        // A normal report: the verdict table for head, no failure.
        expect(status, context).toContain(head.slice(0, 7));
        expect(status, context).toMatch(/^\| `sort` \|/m);
        expect(status, context).toMatch(/^\| `parse` \|/m);
        expect(status, context).not.toContain('❌');
        expect(status, context).toContain('**Isolation:** every command ran in a bubblewrap sandbox');
        expect(conclusion, context).not.toBe('failure');
      }
    } finally {
      reports.stop();
    }

    // The attacks really ran, in every kind of command, and none of them worked; the base side found nothing
    // of head in its checkout or its home.
    const lines = reports.lines();
    const of = (pattern: RegExp) =>
      lines.filter((line) => pattern.test(line)).map((line) => line.replace(/^\S+: /, ''));
    expect(of(/-head: mode=setup /), lines.join('\n')).toEqual([
      `mode=setup tried=${ATTACK_SH_TRIED} succeeded=none`,
      `mode=setup tried=${ATTACK_SH_TRIED} succeeded=none`,
    ]);
    expect(of(/-head: mode=bench /), lines.join('\n')).toEqual([
      `mode=bench tried=${ATTACK_SH_TRIED} succeeded=none`,
      `mode=bench tried=${ATTACK_SH_TRIED} succeeded=none`,
    ]);
    expect(of(/-base: /).sort(), lines.join('\n')).toEqual([
      'mode=bench base-check= clean',
      'mode=bench base-check= clean',
      'mode=setup base-check= clean',
      'mode=setup base-check= clean',
    ]);

    // Nothing on the host: the worker's home holds only its sentinel, no daemon lives on or wakes up later.
    expect(await daemonTraces(a)).toEqual([]);
    await sleep(3500);
    expect(await daemonTraces(a)).toEqual([]);
    expect((await readdir(a.workerHome)).sort()).toEqual(['.perfbot-sentinel']);
    // No request from the sandbox reached the fake GitHub.
    h.fake.assertNoUnexpected();
  }, 120_000);

  it('/perf optimize: a normal one-commit PR whose diff is the validated change; the patch, trusted.git, agent homes and base tree stay untouched', async () => {
    const a = await prepareAttacker();
    // The optimize fixture's repository (a slow src/slow.js, its test and benchmark, perf.yml with
    // `test.command` and `allowedPaths: ["src/**"]`), with a hostile agent configured by the operator.
    const optimize = await createOptimizeFixture({ optimizer: 'optimizer-fix-slow' });
    const baseFiles = await startingFiles(optimize);
    // The probes the hostile change carries cost memory (+15% RSS here); this test is about what they reach, not
    // what they cost, so the memory trade-off (10% by default) is widened.
    baseFiles['.github/perf.yml'] = baseFiles['.github/perf.yml']!.replace(
      'optimize:\n',
      'optimize:\n  tradeoffs: { maxMemory: 200% }\n',
    );
    const agentDir = await createTempDir('perfbot-attacker-agent-');
    const logDir = await createTempDir('perfbot-attacker-log-');
    // The operator's agent home (copied into the agent's private home before each run).
    const operatorHome = await createTempDir('perfbot-attacker-operator-home-');
    await writeFiles(operatorHome, {
      '.perfbot-sentinel': 'the operator agent home\n',
      '.claude/settings.json': '{}\n',
    });
    const agentsConfig = path.join(agentDir, 'agents.yml');
    await writeFile(
      agentsConfig,
      [
        'agents:',
        '  hostile:',
        '    type: command',
        `    command: ${JSON.stringify([process.execPath, path.join(agentDir, 'hostile-agent.mjs')])}`,
        '    timeoutMinutes: 1',
        '    env: [ATTACK_LOG]',
        `    readOnly: ${JSON.stringify([AGENT_FIXTURES, agentDir])}`,
        `    writable: ${JSON.stringify([logDir])}`,
        `    home: ${JSON.stringify(operatorHome)}`,
        '    network: none',
        '',
      ].join('\n'),
    );
    harness = await startAppHarness({
      baseFiles,
      headFiles: { 'README.md': '# demo\n\nSums prefix sums.\n' },
      perfYml: baseFiles['.github/perf.yml']!,
      // The App key inline this time (PRIVATE_KEY, the harness's default): a PEM in the worker's environment.
      env: { HOME: a.workerHome, PERFBOT_CONFIG: agentsConfig, ATTACK_LOG: logDir, PERFBOT_ATTACK_CANARY: a.canary },
    });
    const h = harness;
    h.fake.repo.gitDir = h.remote.dir;

    // The agent and the file it writes, now that the ports are known.
    const probes = await fixture('probes.cjs', { VALUES: JSON.stringify(probeValues(h, a, { operatorHome })) });
    const editedFile = editedSlowJs(probes);
    await writeFile(path.join(agentDir, 'probes.cjs'), probes);
    await writeFile(
      path.join(agentDir, 'hostile-agent.mjs'),
      await fixture('hostile-agent.mjs', {
        AGENT_FIXTURES: pathToFileURL(AGENT_FIXTURES).href.replace(/\/$/, ''),
        EDITED_FILE: JSON.stringify(editedFile),
      }),
    );
    // The PR: its test command runs attack.sh before the real tests.
    const head = await h.pushToPull({
      'attack.sh': await fixture('attack.sh', attackValues(h, a, '')),
      'test.js': `require('node:child_process').execFileSync('bash', ['attack.sh', 'test'], { stdio: 'inherit' });\n${baseFiles['test.js']}`,
    });

    const reports = watchReports(h.workDir);
    let status: string;
    let pr: FakeGitHub['repo']['pulls'][number];
    let sha: string;
    try {
      expect((await h.comment('/perf optimize --max-iter 1')).status).toBe(200);
      const failed = () => h.statusComments()[0]?.body.match(/## ❌|stopped|failed/) && h.statusComments()[0]?.body;
      pr = await eventually(
        'the optimization PR (or a failed run)',
        () => {
          const failure = failed();
          if (failure)
            throw new Error(
              `the run did not end normally:\n${failure}\n--- reports ---\n${reports.lines().join('\n')}`,
            );
          return h.fake.repo.pulls.find((p) => p.headRef.startsWith('perf/'));
        },
        h,
        120_000,
      );
      sha = await h.remote.git('rev-parse', `refs/heads/${pr.headRef}`);
      await eventually(
        'the run parked while CI is pending',
        async () => (await h.liveRuns())[0]?.state === 'delayed',
        h,
        60_000,
      );
      seedCheckRun(h.fake, sha, 'success');
      expect((await h.deliver('check_suite', checkSuitePayload(h.fake, sha, 'success'))).status).toBe(200);
      status = await eventually(
        'the final report',
        () => h.statusComments().find((c) => c.body.includes('## ✅ Optimization complete'))?.body,
        h,
        60_000,
      );
    } finally {
      reports.stop();
    }
    const context = `${status}\n--- reports ---\n${reports.lines().join('\n')}`;
    expect(status, context).not.toContain(MARKER);

    // One PR with exactly one commit over the PR's head, changing only src/slow.js, to exactly what the agent wrote
    // (and OPTIMIZE validated): the payload's swapped patch never got there.
    expect(h.fake.repo.pulls.filter((p) => p.headRef.startsWith('perf/'))).toHaveLength(1);
    expect(await h.remote.git('rev-list', '--count', `${head}..${sha}`)).toBe('1');
    expect(await h.remote.git('diff', '--name-only', head, sha)).toBe('src/slow.js');
    expect(await h.remote.git('rev-parse', `${sha}:src/slow.js`)).toBe(gitBlobSha(editedFile));

    // The run's files: the validated patch is the agent's change and nothing else; trusted.git has no planted
    // URL rewrite or published ref.
    const runsDir = path.join(h.workDir, 'optimize-runs');
    const [task] = await readdir(runsDir);
    const patch = await readFile(path.join(runsDir, task!, 'change-1.patch'), 'utf8');
    expect(patch.match(/^diff --git .*$/gm)).toEqual(['diff --git a/src/slow.js b/src/slow.js']);
    expect(patch.trimEnd()).toBe(await h.remote.git('diff', '--no-renames', '--binary', head, sha));
    const trustedConfig = await readFile(path.join(runsDir, task!, 'trusted.git', 'config'), 'utf8');
    expect(trustedConfig).not.toMatch(/insteadOf/i);
    expect(trustedConfig).not.toContain(a.uuid);
    expect(
      readdirOrEmpty(path.join(runsDir, task!, 'trusted.git', 'refs', 'perfbot', 'published')).filter((name) =>
        name.includes('pwned'),
      ),
    ).toEqual([]);

    // The attacks really ran — in every agent, in the PR's test command, in the edited file under the tests and
    // under the benchmark — and none worked.
    const agentLogs = await Promise.all(
      (await readdir(logDir)).map((name) => readFile(path.join(logDir, name), 'utf8')),
    );
    const roles = agentLogs.map((log) => /^where=agent:(\S+) /.exec(log)?.[1]).sort();
    expect(roles).toEqual(expect.arrayContaining(['analyzer', 'optimizer', 'reviewer-code']));
    for (const log of agentLogs)
      expect(log.trim(), log).toMatch(
        / tried=environ key-file network run-files base-side worker-home own-home daemon succeeded=none$/,
      );
    const lines = reports.lines();
    // The test command's reports are undone with everything else the tests wrote before the benchmarks run on the
    // same tree (isolateBenchmarkRuns), usually before this watcher can see them: only the benchmark's are certain.
    // Whatever was seen must show nothing worked; the /perf bench case above covers setup and benchmark commands.
    expect(
      lines.some((line) => /-head: where=bench tried=.* succeeded=none$/.test(line)),
      lines.join('\n'),
    ).toBe(true);
    expect(lines.filter((line) => !line.endsWith('succeeded=none'))).toEqual([]);

    // The operator's agent home and the worker's home are as they were; no daemon lives on.
    expect((await readdir(operatorHome)).sort()).toEqual(['.claude', '.perfbot-sentinel']);
    expect(await readFile(path.join(operatorHome, '.claude', 'settings.json'), 'utf8')).toBe('{}\n');
    expect((await readdir(a.workerHome)).sort()).toEqual(['.perfbot-sentinel']);
    expect(await daemonTraces(a)).toEqual([]);
    await sleep(3500);
    expect(await daemonTraces(a)).toEqual([]);
    h.fake.assertNoUnexpected();
  }, 180_000);
});

describe('controls: the same attacks without the sandbox work', () => {
  it('/perf bench with PERFBOT_SANDBOX=none: the report fails on head setup and lists every attack that worked; the daemon escapes', async () => {
    const a = await prepareAttacker();
    // What an earlier run would have planted in the (shared, unsandboxed) home.
    await writeFile(path.join(a.workerHome, '.gitconfig'), `# attack-sh-${a.uuid}, planted by an earlier run\n`);
    harness = await startAppHarness({
      baseFiles: await baseBenchFiles(a),
      headFiles: { 'README.md': '# a pull request\n' },
      perfYml: BENCH_PERF_YML,
      env: appEnv(a, { PERFBOT_SANDBOX: 'none' }),
    });
    const h = harness;
    h.fake.setAppPublicKey(a.publicKey);
    await h.pushToPull(await hostileBenchFiles(h, a));
    try {
      const { status, conclusion } = await bench(h);
      expect(conclusion).toBe('failure');
      expect(status).toContain('❌ **benchmark.setup failed on head (exit code 1)**');
      const line = /PERFBOT-ATTACK-SUCCEEDED \(setup\): (.*)$/m.exec(status)?.[1];
      expect(line, status).toBeDefined();
      const found = line!.split(' ');
      const expected = [
        'environ:webhook-secret',
        'environ:redis-url',
        'environ:private-key-path',
        'environ:canary',
        'key-file',
        'redis-ping@127.0.0.1',
        'github-api-reachable@127.0.0.1',
        'app-reachable@127.0.0.1',
        'work-dir:mirrors',
        'work-dir:another-worktree',
        'worker-home:read',
        'worker-home:.gitconfig',
        'worker-home:.claude/settings.json',
        'own-home:planted-by-an-earlier-run',
        'base-side:bench.js',
      ];
      if (readdirOrEmpty('/root').length > 0) expected.push('host-home:/root');
      expect(found).toEqual(expect.arrayContaining(expected));
      // What the host-side checks of the sandboxed test look for is really there without the sandbox.
      expect(await readFile(path.join(a.workerHome, '.gitconfig'), 'utf8')).toContain(
        `hooksPath = /tmp/evil-${a.uuid}`,
      );
      expect(existsSync(path.join(a.workerHome, '.claude', 'settings.json'))).toBe(true);
      const traces = await eventually(
        'the escaped daemon writing its marker on the host',
        async () => {
          const now = await daemonTraces(a);
          return now.includes(`/tmp/escaped-${a.uuid}`) ? now : undefined;
        },
        h,
        15_000,
      );
      expect(traces).toContain(path.join(a.workerHome, `escaped-${a.uuid}`));
    } finally {
      await removeDaemons(a);
    }
  }, 120_000);

  it('the edited file outside the sandbox swaps the validated patch, redirects trusted.git, writes the base tree and reads the secrets; inside it, nothing', async () => {
    const a = await prepareAttacker();
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    // A stand-in for the GitHub API and for the worker: a process holding the app's secrets in its environment.
    const github: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
    const githubPort = String((github.address() as { port: number }).port);
    const worker = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      env: {
        PATH: process.env.PATH,
        WEBHOOK_SECRET,
        PRIVATE_KEY: a.privateKey,
        REDIS_URL: redisUrl,
        PERFBOT_CONFIG: '/etc/perfbot/agents.yml',
        PERFBOT_ATTACK_CANARY: a.canary,
        PERFBOT_GIT_PASSWORD: `ghs_${'x'.repeat(36)}`,
      },
      stdio: 'ignore',
    });
    try {
      // The layout of the work dir during VERIFY: the head tree (the tests run there), its base sibling, the run's files.
      const root = await createTempDir('perfbot-attacker-layout-');
      const work = path.join(root, 'work');
      const headDir = path.join(work, 'worktrees', 'run-x-head');
      const baseSlow = path.join(work, 'worktrees', 'run-x-base', 'src', 'slow.js');
      const runDir = path.join(work, 'optimize-runs', 'run-x');
      const originalPatch = 'diff --git a/src/slow.js b/src/slow.js\n';
      const originalConfig = '[core]\n\tbare = true\n';
      const childHome = await createTempDir('perfbot-attacker-child-home-');
      const values = probeValues(undefined, a, {
        keyPath: a.keyPath,
        redisPort: portOf(redisUrl),
        githubPort,
        cloneUrl: 'https://github.com/octo-org/perf-demo.git',
      });
      const probes = await fixture('probes.cjs', { VALUES: JSON.stringify(values) });
      const testJs =
        "const assert = require('node:assert');\nconst { slowSum } = require('./src/slow.js');\nassert.strictEqual(slowSum([1, 2, 3, 4]), 20);\nconsole.log('tests passed');\n";
      const layout = async () => {
        await rm(work, { recursive: true, force: true });
        await writeFiles(headDir, { 'src/slow.js': editedSlowJs(probes), 'test.js': testJs });
        await writeFiles(work, { 'mirrors/42.git/HEAD': 'ref: refs/heads/main\n' });
        await writeFiles(path.dirname(path.dirname(baseSlow)), { 'src/slow.js': 'module.exports = {};\n' });
        await writeFiles(runDir, { 'change-1.patch': originalPatch, 'trusted.git/config': originalConfig });
        await writeFile(path.join(childHome, '.gitconfig'), `# probes-${a.uuid}, planted by an earlier run\n`);
      };
      const env = buildChildEnv({ ...process.env, HOME: childHome });

      // Without the sandbox: every attack the e2e test checks for works.
      await layout();
      const none = await createSandbox({ mode: 'none' }).run({
        command: ['node', 'test.js'],
        cwd: headDir,
        env,
        timeoutMs: 30_000,
      });
      expect(none.exitCode, none.stderr).not.toBe(0);
      const found = /PERFBOT-ATTACK-SUCCEEDED \(test\): (.*)$/m.exec(none.stderr)?.[1]?.split('; ');
      expect(found, none.stderr).toEqual(
        expect.arrayContaining([
          'environ:webhook-secret',
          'environ:private-key-pem',
          'environ:redis-url',
          'environ:perfbot-config',
          'environ:canary',
          'environ:github-token',
          'key-file',
          'redis-ping',
          'github-api-reachable',
          'work-dir:optimize-runs',
          'work-dir:mirrors',
          'rewrote optimize-runs/run-x/change-1.patch',
          'planted url.insteadOf in optimize-runs/run-x/trusted.git/config',
          'planted refs/perfbot/published in optimize-runs/run-x/trusted.git',
          'base-side:run-x-base/src/slow.js',
          'worker-home:read',
          'worker-home:.claude/settings.json',
          'own-home:.gitconfig planted by an earlier run',
        ]),
      );
      expect(await readFile(path.join(runDir, 'change-1.patch'), 'utf8')).toContain(`PWNED-${a.uuid}`);
      expect(await readFile(path.join(runDir, 'trusted.git', 'config'), 'utf8')).toMatch(
        /insteadOf = https:\/\/github.com\/octo-org\/perf-demo.git/,
      );
      expect(await readFile(baseSlow, 'utf8')).toContain(`PWNED-${a.uuid}`);
      await eventually(
        'the escaped daemon writing its marker on the host',
        () => existsSync(`/tmp/escaped-${a.uuid}`),
        undefined,
        15_000,
      );
      expect(await processesWith(a.uuid)).not.toEqual([]);
      await removeDaemons(a);
      await rm(path.join(a.workerHome, '.claude'), { recursive: true, force: true });

      // In the sandbox: the tests pass, every attack failed, nothing on the host changed, no daemon is left.
      await layout();
      const boxed = await createSandbox({ mode: 'bubblewrap' }).run({
        command: ['node', 'test.js'],
        cwd: headDir,
        env,
        timeoutMs: 30_000,
      });
      expect(boxed.exitCode, boxed.stderr).toBe(0);
      expect(boxed.stdout).toContain('tests passed');
      expect(await readFile(path.join(headDir, 'bots', 'attack-report-test.txt'), 'utf8')).toMatch(
        / succeeded=none\n$/,
      );
      expect(await readFile(path.join(runDir, 'change-1.patch'), 'utf8')).toBe(originalPatch);
      expect(await readFile(path.join(runDir, 'trusted.git', 'config'), 'utf8')).toBe(originalConfig);
      expect(readdirOrEmpty(path.join(runDir, 'trusted.git'))).toEqual(['config']);
      expect(await readFile(baseSlow, 'utf8')).toBe('module.exports = {};\n');
      expect((await readdir(a.workerHome)).sort()).toEqual(['.perfbot-sentinel']);
      expect(await processesWith(a.uuid)).toEqual([]);
    } finally {
      worker.kill('SIGKILL');
      await new Promise<void>((resolve) => github.close(() => resolve()));
    }
  }, 60_000);
});

/** The values probes.cjs needs (see there). */
function probeValues(
  h: AppHarness | undefined,
  a: Attacker,
  over: { operatorHome?: string; keyPath?: string; redisPort?: string; githubPort?: string; cloneUrl?: string },
): Record<string, string> {
  const evilPatch = [
    'diff --git a/src/backdoor.js b/src/backdoor.js',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/src/backdoor.js',
    '@@ -0,0 +1 @@',
    `+require('node:child_process').execSync('echo PWNED-${a.uuid}');`,
    '',
  ].join('\n');
  return {
    uuid: a.uuid,
    webhookSecret: WEBHOOK_SECRET,
    canary: a.canary,
    keyPath: over.keyPath ?? '',
    redisPort: over.redisPort ?? portOf(h!.redisUrl),
    githubPort: over.githubPort ?? portOf(h!.fake.url),
    cloneUrl: over.cloneUrl ?? h!.remote.url,
    workerHome: a.workerHome,
    operatorHome: over.operatorHome ?? '',
    evilPatch,
  };
}

/** src/slow.js as the hostile optimizer writes it: slowSum made linear (a real fix), then the attacks. */
function editedSlowJs(probes: string): string {
  return `// Sum of the prefix sums of a list of numbers.
function slowSum(values) {
  let total = 0;
  let prefix = 0;
  for (let i = 0; i < values.length; i++) {
    prefix += values[i];
    total += prefix;
  }
  return total;
}
module.exports = { slowSum };

// Everything below runs in every process that loads this file: the tests and the benchmark of VERIFY.
(() => {
  const module = { exports: {} };
${probes}
  const where = /test\\.js$/.test(process.argv[1] ?? '') ? 'test' : 'bench';
  const result = module.exports.probe(where);
  if (module.exports.report(where, result, require('node:path').join(process.cwd(), 'bots', \`attack-report-\${where}.txt\`))) {
    throw new Error(\`PERFBOT-ATTACK-SUCCEEDED (\${where}): \${result.found.join('; ')}\`);
  }
})();
`;
}

/** The id git gives a blob with this content. */
function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
