import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../fakes/fake-github-server.ts';
import { commitFiles, createBareRemote, createTempDir, createTempRepo, type BareRemote, type TempRepo } from './git-fixtures.ts';
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

export const DEFAULT_PERF_YML = `benchmark:
  command: ["node", "bench.js"]
  format: bmf
  runs: 6
thresholds:
  regressionGate: 5%
`;

export interface AppHarness {
  fake: FakeGitHub;
  repo: TempRepo;
  remote: BareRemote;
  baseSha: string;
  headSha: string;
  webhookUrl: string;
  baseUrl: string;
  /** Everything the app process printed. */
  output(): string;
  app: ChildProcess;
  /** A signed `issue_comment.created` on PR #1 by `login`, built from GitHub's own example payload. */
  comment(body: string, options?: { login?: string; type?: 'User' | 'Bot'; action?: string; deliveryId?: string; secret?: string }): Promise<DeliveryResult>;
  deliver(event: string, payload: unknown, options?: { deliveryId?: string; secret?: string; signature?: string | null }): Promise<DeliveryResult>;
  /** Moves PR #1's head to a new commit (on the remote and in the fake). */
  pushToPull(files: Record<string, string>): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface AppHarnessOptions {
  perfYml?: string | null;
  baseFiles?: Record<string, string>;
  headFiles?: Record<string, string>;
  env?: Record<string, string>;
}

/**
 * The whole app as a user runs it: `npm start`'s entry point as a child process, against a fake GitHub (the only
 * fake), a real Redis (REDIS_URL, with a private queue prefix) and a real git remote with `refs/pull/1/head`.
 */
export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const fake = await startFakeGitHub({ repo: { owner: 'octo-org', name: 'perf-demo' } });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fake.setAppPublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const repo = await createTempRepo({ files: options.baseFiles ?? { 'bench.js': benchHarness(1) } });
  const baseSha = repo.shas[0]!;
  await repo.git('checkout', '-q', '-b', 'feature');
  const headSha = await commitFiles(repo.dir, options.headFiles ?? { 'bench.js': benchHarness(3) }, 'make sort slower');
  const remote = await createBareRemote(repo.dir);
  await remote.git('update-ref', 'refs/pull/1/head', headSha);
  fake.setBranch('main', baseSha);
  if (options.perfYml !== null) fake.setFile('.github/perf.yml', options.perfYml ?? DEFAULT_PERF_YML);
  fake.addPull({ number: 1, headRef: 'feature', headSha, baseRef: 'main', baseSha, title: 'Make sort slower' });
  fake.setPermission('maintainer', 'write');
  fake.repo.cloneUrl = remote.url;

  const port = await freePort();
  const fakeHost = new URL(fake.url).host;
  const workDir = await createTempDir('perfbot-e2e-work-');
  let output = '';
  const app = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main/server.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: String(fake.state.app.id),
      PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: fakeHost,
      GHE_PROTOCOL: 'http',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      PERFBOT_QUEUE_PREFIX: `e2e-${randomBytes(6).toString('hex')}`,
      PERFBOT_WORK_DIR: workDir,
      PERFBOT_BOT_LOGIN: 'perfbot[bot]',
      PERFBOT_SHUTDOWN_GRACE_SECONDS: '5',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout!.on('data', (d) => (output += d));
  app.stderr!.on('data', (d) => (output += d));
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  await waitForListening(port, app, () => output);

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
    output: () => output,
    app,
    deliver,
    comment(body, o = {}) {
      const payload = commentPayload(fake, 'https://github.com/octo-org/perf-demo.git', body, o.login ?? 'maintainer', o.type ?? 'User', o.action ?? 'created');
      return deliver('issue_comment', payload, { deliveryId: o.deliveryId, secret: o.secret });
    },
    async pushToPull(files) {
      const sha = await commitFiles(repo.dir, files, 'another commit');
      await remote.git('fetch', '-q', repo.dir, `+refs/heads/feature:refs/heads/feature`);
      await remote.git('update-ref', 'refs/pull/1/head', sha);
      const pull = fake.repo.pulls.find((p) => p.number === 1)!;
      pull.headSha = sha;
      return sha;
    },
    async stop(signal = 'SIGTERM') {
      const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
      if (app.exitCode === null && app.signalCode === null) app.kill(signal);
      const code = app.exitCode ?? (await exited);
      await fake.close();
      return code;
    },
  };
  return harness;
}

export function commentPayload(fake: FakeGitHub, cloneUrl: string, body: string, login: string, type: 'User' | 'Bot', action: string) {
  const payload = examplePayload('issue_comment', (e) => e.action === 'created' && (e.installation as { id?: number } | undefined)?.id !== undefined);
  const repo = payload.repository as Record<string, unknown>;
  Object.assign(repo, { id: fake.repo.id, name: fake.repo.name, full_name: `${fake.repo.owner}/${fake.repo.name}`, default_branch: 'main', clone_url: cloneUrl });
  (repo.owner as Record<string, unknown>).login = fake.repo.owner;
  payload.action = action;
  payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  const issue = payload.issue as Record<string, unknown>;
  issue.number = 1;
  issue.pull_request = { url: `${fake.url}/repos/octo-org/perf-demo/pulls/1`, html_url: 'https://github.com/octo-org/perf-demo/pull/1', diff_url: '', patch_url: '' };
  const user = { login, id: login.length * 1000 + 7, type, node_id: 'U_x' };
  // The comment exists on the fake too, so reactions to it work as on GitHub.
  const stored = fake.addComment(1, body, { user: { login, id: user.id, type } });
  const comment = payload.comment as Record<string, unknown>;
  Object.assign(comment, { id: stored.id, node_id: stored.nodeId, body, user: { ...(comment.user as object), ...user } });
  payload.sender = { ...(payload.sender as object), ...user };
  return payload;
}

async function freePort(): Promise<number> {
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
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`perfbot did not listen on ${port} within 30 s:\n${output()}`);
}

/** Polls until `probe` returns a value (not undefined/false), or throws with `what` and the app's output. */
export async function eventually<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, harness?: AppHarness, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${harness ? `\n--- app output ---\n${harness.output().slice(-4000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
