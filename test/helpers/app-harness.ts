import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startFakeGitHub, type FakeGitHub } from '../fakes/fake-github-server.ts';
import type { FakeComment } from '../fakes/fake-github-state.ts';
import {
  commitFiles,
  createBareRemote,
  createTempDir,
  createTempRepo,
  type BareRemote,
  type TempRepo,
} from './git-fixtures.ts';
import { INTAKE_QUEUE, RUN_QUEUE } from '../../src/queue/queue-names.ts';
import { deliverWebhook, examplePayload, type DeliveryResult } from './webhook-delivery.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

/** A real benchmark harness printing BMF JSON; `rounds` scales the work of `sort`. */
export function benchHarness(rounds: number): string {
  return `const spin = (n) => { let x = 0; for (let i = 0; i < n; i++) x = (x * 31 + i) >>> 0; return x; };
function measure(fn) { fn(); const t = []; for (let i = 0; i < 5; i++) { const s = process.hrtime.bigint(); fn(); t.push(Number(process.hrtime.bigint() - s)); } return t.sort((a, b) => a - b)[2]; }
console.log(JSON.stringify({
  sort: { latency: { value: measure(() => spin(${rounds} * 400000)) } },
  parse: { latency: { value: measure(() => spin(800000)) } },
}));
`;
}

// A strict confidence level so an unchanged benchmark is not flagged by chance on a busy test machine.
export const DEFAULT_PERF_YML = `benchmark:
  command: ["node", "bench.js"]
  format: bmf
  runs: 8
thresholds:
  regressionGate: 5%
  confidence: 0.99
`;

export interface AppHarness {
  fake: FakeGitHub;
  repo: TempRepo;
  remote: BareRemote;
  baseSha: string;
  headSha: string;
  webhookUrl: string;
  baseUrl: string;
  /** Everything the app printed (every process, after a restart). */
  output(): string;
  /** The app process running now. */
  app: ChildProcess;
  /** PERFBOT_WORK_DIR: where the app checks out code and runs benchmarks. */
  workDir: string;
  /** Live processes started inside `workDir` (benchmarks and their children) whose command line is `commandLine`. */
  processesInWorkDir(commandLine: string): Promise<number[]>;
  /** The environment the app runs with (to start more processes of the same installation: `spawnPerfbot`). */
  env: Record<string, string>;
  /** The Redis the app uses, and the app's private key prefix in it. */
  redisUrl: string;
  queuePrefix: string;
  /**
   * A signed `issue_comment` on PR #1 by `login`, built from GitHub's own example payload for `action`
   * (default `created`; `edited` carries GitHub's `changes`).
   */
  comment(
    body: string,
    options?: { login?: string; type?: 'User' | 'Bot'; action?: string; deliveryId?: string; secret?: string },
  ): Promise<DeliveryResult>;
  /** A signed `pull_request.labeled` for PR #1 (GitHub's example payload); the label is on the fake PR too. */
  label(
    name: string,
    options?: { login?: string; type?: 'User' | 'Bot'; deliveryId?: string },
  ): Promise<DeliveryResult>;
  /** Comments the app wrote (as `perfbot[bot]`), oldest first. */
  botComments(): FakeComment[];
  /** The text of the app's reply to delivery `deliveryId` (without its hidden marker), once it exists. */
  replyTo(deliveryId: string): string | undefined;
  /** The app's status comments (one per run, marked `run-…`), oldest first. */
  statusComments(): FakeComment[];
  /** The app's queues as BullMQ sees them (job counts by state), read from Redis. */
  jobCounts(): Promise<{ intake: Record<string, number>; run: Record<string, number> }>;
  /** Runs queued (waiting, paused, delayed) or running, oldest first: job id and the head commit each is pinned to. */
  liveRuns(): Promise<{ id: string; headSha: string; state: string; phase?: string }[]>;
  /** Pauses or resumes the run queue, as an operator would from the dashboard: workers take no new run. */
  pauseRuns(paused: boolean): Promise<void>;
  deliver(
    event: string,
    payload: unknown,
    options?: { deliveryId?: string; secret?: string; signature?: string | null },
  ): Promise<DeliveryResult>;
  /** Moves PR #1's head to a new commit (on the remote and in the fake). */
  pushToPull(files: Record<string, string>): Promise<string>;
  /**
   * Stops the app with `signal`, runs `between` once it has exited, then starts it again as it was (same port, Redis
   * prefix and work dir); resolves with the old process's exit code once the new one listens.
   */
  restart(signal?: NodeJS.Signals, between?: () => Promise<void>): Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface AppHarnessOptions {
  perfYml?: string | null;
  /**
   * Run against a GitHub Enterprise Server served over plain http: the fake answers only under `/api/v3`, and
   * payloads carry what such a server sends (`http://` clone URLs of its own host).
   */
  enterpriseHttp?: boolean;
  baseFiles?: Record<string, string>;
  headFiles?: Record<string, string>;
  env?: Record<string, string>;
  /**
   * How the app is started: the app's folder and the command run in it. Default: this checkout and
   * `npm start`'s entry point run by this Node (see `spawnPerfbot`).
   */
  launch?: PerfbotLaunch;
}

/**
 * The whole app as a user runs it: `npm start`'s entry point as a child process, against a fake GitHub (the only
 * fake), a real Redis (REDIS_URL, with a private queue prefix) and a real git remote with `refs/pull/1/head`.
 */
export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const fake = await startFakeGitHub({
    repo: { owner: 'octo-org', name: 'perf-demo' },
    enterprise: options.enterpriseHttp === true,
  });
  const payloadCloneUrl = options.enterpriseHttp
    ? `http://${new URL(fake.url).host}/octo-org/perf-demo.git`
    : 'https://github.com/octo-org/perf-demo.git';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fake.setAppPublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const repo = await createTempRepo({ files: options.baseFiles ?? { 'bench.js': benchHarness(1) } });
  const baseSha = repo.shas[0]!;
  await repo.git('checkout', '-q', '-b', 'feature');
  // 6x: a slowdown eight pairs call `slower` at 99% even while a loaded CI machine runs other suites beside it.
  const headSha = await commitFiles(repo.dir, options.headFiles ?? { 'bench.js': benchHarness(6) }, 'make sort slower');
  const remote = await createBareRemote(repo.dir);
  await remote.git('update-ref', 'refs/pull/1/head', headSha);
  fake.setBranch('main', baseSha);
  if (options.perfYml !== null) fake.setFile('.github/perf.yml', options.perfYml ?? DEFAULT_PERF_YML);
  fake.addPull({ number: 1, headRef: 'feature', headSha, baseRef: 'main', baseSha, title: 'Make sort slower' });
  fake.setPermission('maintainer', 'write');
  // On the enterprise fake, git is served over http by the fake's own host (clone_url http://<host>/octo-org/perf-demo.git).
  if (options.enterpriseHttp) fake.repo.gitDir = remote.dir;
  else fake.repo.cloneUrl = remote.url;

  const port = await freePort();
  const workDir = await createTempDir('perfbot-e2e-work-');
  const redisUrl = options.env?.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = options.env?.PERFBOT_QUEUE_PREFIX ?? `e2e-${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = {
    APP_ID: String(fake.state.app.id),
    PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    WEBHOOK_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    GHE_HOST: new URL(fake.url).host,
    GHE_PROTOCOL: 'http',
    PERFBOT_WORK_DIR: workDir,
    PERFBOT_BOT_LOGIN: 'perfbot[bot]',
    PERFBOT_SHUTDOWN_GRACE_SECONDS: '5',
    // GitHub's write spacing (1 s, 3 s before a comment) scaled down: the fake has no rate limits.
    PERFBOT_GITHUB_WRITE_SPACING_MS: '20',
    LOG_LEVEL: 'info',
    // Off unless a test turns it on: its calls to /app/hook/deliveries would be noise in tests that count API calls.
    PERFBOT_REDELIVERY_INTERVAL_SECONDS: '0',
    ...options.env,
    REDIS_URL: redisUrl,
    PERFBOT_QUEUE_PREFIX: queuePrefix,
  };
  let perfbot = spawnPerfbot(env, options.launch);
  // Output of every process this harness started (see restart), oldest first.
  let earlierOutput = '';
  const output = () => earlierOutput + perfbot.output();
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  await waitForListening(port, perfbot.child, output);

  // The test's own view of the app's queues; opened on first use.
  let queues: { redis: Redis; intake: Queue; run: Queue } | undefined;
  const openQueues = () => {
    if (!queues) {
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
      queues = {
        redis,
        intake: new Queue(INTAKE_QUEUE, { connection: redis, prefix: queuePrefix }),
        run: new Queue(RUN_QUEUE, { connection: redis, prefix: queuePrefix }),
      };
    }
    return queues;
  };

  const deliver: AppHarness['deliver'] = (event, payload, o = {}) =>
    deliverWebhook(webhookUrl, event, payload, { ...o, secret: o.secret ?? WEBHOOK_SECRET });
  const harness: AppHarness = {
    fake,
    repo,
    remote,
    baseSha,
    headSha,
    webhookUrl,
    baseUrl: `http://127.0.0.1:${port}`,
    output,
    app: perfbot.child,
    workDir,
    processesInWorkDir: (commandLine) => processesUnder(workDir, commandLine),
    env,
    redisUrl,
    queuePrefix,
    deliver,
    comment(body, o = {}) {
      const payload = commentPayload(
        fake,
        payloadCloneUrl,
        body,
        o.login ?? 'maintainer',
        o.type ?? 'User',
        o.action ?? 'created',
      );
      return deliver('issue_comment', payload, { deliveryId: o.deliveryId, secret: o.secret });
    },
    label(name, o = {}) {
      const pull = fake.repo.pulls.find((p) => p.number === 1)!;
      fake.addLabel(1, name);
      const payload = labeledPayload(fake, name, pull.headSha, o.login ?? 'maintainer', o.type ?? 'User');
      return deliver('pull_request', payload, { deliveryId: o.deliveryId });
    },
    botComments: () => fake.repo.comments.filter((c) => c.user.login === fake.state.app.bot.login),
    replyTo(deliveryId) {
      const marker = `<!-- perfbot:reply-${deliveryId} -->\n`;
      const reply = harness.botComments().find((c) => c.body.startsWith(marker));
      return reply?.body.slice(marker.length);
    },
    statusComments: () => harness.botComments().filter((c) => c.body.startsWith('<!-- perfbot:run-')),
    async jobCounts() {
      const { intake, run } = openQueues();
      return { intake: await intake.getJobCounts(), run: await run.getJobCounts() };
    },
    async liveRuns() {
      const { run } = openQueues();
      const jobs = await run.getJobs(['active', 'waiting', 'paused', 'prioritized', 'delayed'], 0, -1, true);
      return Promise.all(
        jobs.map(async (job) => ({
          id: job.id ?? '',
          headSha: (job.data as { headSha: string }).headSha,
          state: await job.getState(),
          ...(typeof job.progress === 'object' && job.progress !== null && 'phase' in job.progress
            ? { phase: String(job.progress.phase) }
            : {}),
        })),
      );
    },
    async pauseRuns(paused) {
      const { run } = openQueues();
      await (paused ? run.pause() : run.resume());
    },
    async pushToPull(files) {
      const sha = await commitFiles(repo.dir, files, 'another commit');
      await remote.git('fetch', '-q', repo.dir, `+refs/heads/feature:refs/heads/feature`);
      await remote.git('update-ref', 'refs/pull/1/head', sha);
      const pull = fake.repo.pulls.find((p) => p.number === 1)!;
      pull.headSha = sha;
      return sha;
    },
    async restart(signal = 'SIGTERM', between) {
      const code = await perfbot.stop(signal);
      earlierOutput = output();
      await between?.();
      perfbot = spawnPerfbot(env, options.launch);
      harness.app = perfbot.child;
      await waitForListening(port, perfbot.child, output);
      return code;
    },
    async stop(signal = 'SIGTERM') {
      const code = await perfbot.stop(signal);
      const { redis, intake, run } = openQueues();
      queues = undefined;
      // Leave nothing behind in a shared Redis: every key of this app is under its private prefix. Bounded, in
      // case the test left Redis down (the connection would wait for it forever).
      const cleanup = (async () => {
        await intake.close();
        await run.close();
        await deleteKeys(redis, `${queuePrefix}:*`);
      })().catch(() => undefined);
      await Promise.race([cleanup, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      redis.disconnect();
      await fake.close();
      return code;
    },
  };
  return harness;
}

/** A running `npm start` process: its output so far, and a stop that resolves with its exit code. */
export interface PerfbotChild {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` unless the process already exited, then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Where the app lives and the command that starts it there. */
export interface PerfbotLaunch {
  root: string;
  command: [string, ...string[]];
}

const DEFAULT_LAUNCH: PerfbotLaunch = {
  root: ROOT,
  command: [process.execPath, '--import', 'tsx', path.join(ROOT, 'src/main/server.ts')],
};
/** `npm run worker`'s entry point: run workers only, no webhook server. */
export const WORKER_LAUNCH: PerfbotLaunch = {
  root: ROOT,
  command: [process.execPath, '--import', 'tsx', path.join(ROOT, 'src/main/worker.ts')],
};

/**
 * Starts the app (by default `npm start`'s entry point, `src/main/server.ts`, of this checkout) with only PATH, HOME
 * and `env` in its environment.
 */
export function spawnPerfbot(env: Record<string, string>, launch: PerfbotLaunch = DEFAULT_LAUNCH): PerfbotChild {
  let output = '';
  const [executable, ...args] = launch.command;
  const child = spawn(executable, args, {
    cwd: launch.root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function commentPayload(
  fake: FakeGitHub,
  cloneUrl: string,
  body: string,
  login: string,
  type: 'User' | 'Bot',
  action: string,
) {
  const payload = examplePayload(
    'issue_comment',
    (e) =>
      e.action === action &&
      (action !== 'created' || (e.installation as { id?: number } | undefined)?.id !== undefined),
  );
  const repo = payload.repository as Record<string, unknown>;
  Object.assign(repo, {
    id: fake.repo.id,
    name: fake.repo.name,
    full_name: `${fake.repo.owner}/${fake.repo.name}`,
    default_branch: 'main',
    clone_url: cloneUrl,
  });
  (repo.owner as Record<string, unknown>).login = fake.repo.owner;
  payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  const issue = payload.issue as Record<string, unknown>;
  issue.number = 1;
  issue.pull_request = {
    url: `${fake.url}/repos/octo-org/perf-demo/pulls/1`,
    html_url: 'https://github.com/octo-org/perf-demo/pull/1',
    diff_url: '',
    patch_url: '',
  };
  const user = { login, id: login.length * 1000 + 7, type, node_id: 'U_x' };
  // The comment exists on the fake too, so reactions to it work as on GitHub.
  const stored = fake.addComment(1, body, { user: { login, id: user.id, type } });
  const comment = payload.comment as Record<string, unknown>;
  Object.assign(comment, {
    id: stored.id,
    node_id: stored.nodeId,
    body,
    created_at: stored.createdAt,
    updated_at: stored.createdAt,
    user: { ...(comment.user as object), ...user },
  });
  payload.sender = { ...(payload.sender as object), ...user };
  return payload;
}

/** GitHub's `pull_request.labeled` example, retargeted at the fake's PR #1 (head `headSha`), labeled by `login`. */
export function labeledPayload(fake: FakeGitHub, name: string, headSha: string, login: string, type: 'User' | 'Bot') {
  const payload = examplePayload('pull_request', (e) => e.action === 'labeled');
  const repo = payload.repository as Record<string, unknown>;
  Object.assign(repo, {
    id: fake.repo.id,
    name: fake.repo.name,
    full_name: `${fake.repo.owner}/${fake.repo.name}`,
    default_branch: 'main',
  });
  (repo.owner as Record<string, unknown>).login = fake.repo.owner;
  payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  const pull = payload.pull_request as Record<string, unknown>;
  pull.number = 1;
  (pull.head as Record<string, unknown>).sha = headSha;
  payload.label = { ...(payload.label as object), name };
  payload.sender = { ...(payload.sender as object), login, id: login.length * 1000 + 7, type };
  return payload;
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Pids of live processes whose working directory is inside `dir` and whose argv joined by spaces is `commandLine`. */
async function processesUnder(dir: string, commandLine: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
      if (argv !== commandLine) continue;
      const cwd = await readlink(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) found.push(Number(entry));
    } catch {
      // Exited while we looked, or not ours to read.
    }
  }
  return found;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForListening(port: number, app: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`perfbot exited with ${app.exitCode} before listening:\n${output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`perfbot did not listen on ${port} within 30 s:\n${output()}`);
}

/** Polls until `probe` returns a value (not undefined/false), or throws with `what` and the app's output. */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  harness?: AppHarness,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      // What a maintainer would see on the PR, and what the app logged: enough to tell a slow machine from a bug.
      const status = harness?.statusComments().at(-1)?.body;
      const seen = status === undefined ? '' : `\n--- last status comment ---\n${status.slice(-3000)}`;
      throw new Error(
        `timed out waiting for ${what}${seen}${harness ? `\n--- app output ---\n${harness.output().slice(-4000)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}
