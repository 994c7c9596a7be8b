import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTrustedRepo } from '../../../src/optimize/create-trusted-repo.ts';
import { createCredentialedTrustedRepo } from '../../../src/optimize/github/create-credentialed-trusted-repo.ts';
import { createGitHubPublisher } from '../../../src/optimize/github/create-github-publisher.ts';
import { createGitWorkspace } from '../../../src/workspace/create-git-workspace.ts';
import { hardenedGitEnv } from '../../../src/workspace/hardened-git-env.ts';
import { runGit } from '../../../src/workspace/run-git.ts';
import { runIsolatedGit } from '../../../src/workspace/run-isolated-git.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import {
  cleanupAll,
  commitFiles,
  createBareRemote,
  createTempDir,
  createTempRepo,
  type BareRemote,
  type TempRepo,
} from '../../helpers/git-fixtures.ts';
import { createTestClient, repoOf } from '../github/github-test-client.ts';
import { serveGitOverHttp, type GitHttpServer } from './serve-git-over-http.ts';

// S4: a contents:write token must not leave for anywhere but the repository's own remote, whatever an untrusted
// process wrote into the git directories Perfbot runs credentialed commands from.

const TOKEN = 'ghs_WRITE_TOKEN_FOR_PUSH_0123456789abcdef';
const credentials = { username: 'x-access-token', password: TOKEN };
const tokenForms = [
  TOKEN,
  Buffer.from(`x-access-token:${TOKEN}`).toString('base64'),
  Buffer.from(TOKEN).toString('base64'),
];

/** An "attacker" HTTP server: asks every request for Basic credentials (as a git host would) and records them. */
interface Attacker {
  url: string;
  requests: Array<{ url: string; headers: IncomingHttpHeaders }>;
  /** Every recorded header value that carries a form of the token. */
  leaks(): string[];
  close(): Promise<void>;
}

/** An attacker for this test, closed after it. */
async function useAttacker(): Promise<Attacker> {
  attacker = await startAttacker();
  return attacker;
}

async function startAttacker(): Promise<Attacker> {
  const requests: Attacker['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="totally-github"' }).end('unauthorized\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    leaks: () =>
      requests.flatMap((request) =>
        Object.values(request.headers)
          .flat()
          .filter(
            (value): value is string => typeof value === 'string' && tokenForms.some((form) => value.includes(form)),
          ),
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Appends what an untrusted process would write into `<gitDir>/config`: every URL of the real host goes to the attacker. */
async function plantRedirect(gitDir: string, realUrl: string, attacker: Attacker): Promise<void> {
  const realBase = `${new URL(realUrl).origin}/`;
  await appendFile(
    path.join(gitDir, 'config'),
    `[url "${attacker.url}"]\n\tinsteadOf = ${realBase}\n\tpushInsteadOf = ${realBase}\n`,
  );
}

let repo: TempRepo;
let remote: BareRemote;
let server: GitHttpServer;
let start: string;
let attacker: Attacker | undefined;
let fake: FakeGitHub | undefined;

beforeAll(async () => {
  repo = await createTempRepo({ files: { 'app.js': 'slow();\n' } });
  await repo.git('checkout', '-q', '-b', 'feature');
  start = await commitFiles(repo.dir, { 'README.md': '# app\n' }, 'feature work');
  remote = await createBareRemote(repo.dir);
  server = await serveGitOverHttp(remote.dir, credentials);
});

afterEach(async () => {
  await attacker?.close();
  await fake?.close();
  attacker = undefined;
  fake = undefined;
});

afterAll(async () => {
  await server.close();
  await cleanupAll();
});

describe('credential scope: the token goes to the expected remote only', () => {
  it('a planted insteadOf in trusted.git/config: the publisher still pushes to the real remote, and the attacker sees nothing', async () => {
    const attacker = await useAttacker();
    const gitDir = path.join(await createTempDir(), 'trusted.git');
    const trusted = await createCredentialedTrustedRepo({
      gitDir,
      cloneUrl: server.url,
      credentials: async () => credentials,
    });
    await plantRedirect(gitDir, server.url, attacker);
    // The read token's fetch of the starting commit (ensureCommit) is as exposed as the push.
    await trusted.ensureCommit(start);
    const patch = ['--- a/app.js', '+++ b/app.js', '@@ -1 +1 @@', '-slow();', '+fast();', ''].join('\n');
    const message = 'perf: optimize app.js\n\nPerfbot-Run: task1\n';
    const { sha } = await trusted.commitPatch({
      parent: start,
      patch,
      message,
      author: { name: 'Perfbot', email: 'perfbot@example.invalid' },
      date: '2026-01-01T00:00:00Z',
    });

    fake = await startFakeGitHub();
    fake.addPull({ number: 7, headRef: 'feature', headSha: start });
    fake.repo.cloneUrl = server.url;
    fake.repo.gitDir = remote.dir;
    // Planted again after the fetch: the publisher must not rely on an earlier clean-up.
    await plantRedirect(gitDir, server.url, attacker);
    const publisher = createGitHubPublisher({
      github: createTestClient(fake),
      repo: repoOf(fake),
      cloneUrl: server.url,
      pushCredentials: async () => credentials,
      target: { kind: 'pull-request', base: 'feature', intro: 'Performance optimization of #7.' },
    });
    const result = await publisher.publish({
      gitDir,
      sha,
      parentSha: start,
      branch: 'perf/task1',
      runId: 'task1',
      signal: new AbortController().signal,
    });

    expect(result.sha).toBe(sha);
    expect(await remote.git('rev-parse', 'refs/heads/perf/task1')).toBe(sha);
    expect(attacker.requests).toEqual([]);
    expect(attacker.leaks()).toEqual([]);
    // The trusted repository's config is Perfbot's constant again.
    expect(await runGit({ cwd: gitDir, args: ['config', '--list', '--local'], env: { GIT_DIR: gitDir } })).toBe(
      'core.repositoryformatversion=0\ncore.filemode=true\ncore.bare=true\n',
    );
  });

  it('a planted insteadOf in a mirror: fetching and reading the default branch reach the real remote only', async () => {
    const attacker = await useAttacker();
    const workDir = await createTempDir('perfbot-work-');
    const workspace = createGitWorkspace({ workDir, cloneUrl: server.url, credentials });
    await workspace.fetchRefs(['main']);
    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    await plantRedirect(mirrorDir, server.url, attacker);

    expect(await workspace.resolveRef('feature')).toBe(start);
    await plantRedirect(mirrorDir, server.url, attacker);
    // The remote was cloned while `feature` was checked out, so that is its HEAD.
    expect(await workspace.defaultBranch()).toBe('feature');
    expect(attacker.requests).toEqual([]);
  });

  it('a credentialed command reads none of the repository config, even when it was planted after every clean-up', async () => {
    const attacker = await useAttacker();
    const gitDir = path.join(await createTempDir(), 'planted.git');
    await createTrustedRepo({ gitDir, source: repo.dir });
    await plantRedirect(gitDir, server.url, attacker);
    const output = await runIsolatedGit({
      gitDir,
      args: ['ls-remote', '--end-of-options', server.url, 'refs/heads/feature'],
      remote: server.url,
      credentials,
    });
    expect(output).toBe(`${start}\trefs/heads/feature\n`);
    expect(attacker.requests).toEqual([]);
  });

  it('when git does follow a planted redirect (config re-planted after the clean-up), the helper hands the attacker nothing', async () => {
    // The audit's experiment 3, through `runGit` itself: a bare repository whose config sends the real host elsewhere.
    const attacker = await useAttacker();
    const gitDir = path.join(await createTempDir(), 'planted.git');
    await createTrustedRepo({ gitDir, source: repo.dir });
    await plantRedirect(gitDir, server.url, attacker);
    const error = await runGit({
      cwd: gitDir,
      args: ['ls-remote', '--end-of-options', server.url],
      env: { GIT_DIR: gitDir },
      credentials,
      remote: server.url,
    }).catch((caught: unknown) => caught as Error);

    expect(error).toBeInstanceOf(Error);
    // git went to the attacker (so the config was read), was asked for credentials, and had none to give.
    expect(attacker.requests.length).toBeGreaterThan(0);
    expect(attacker.requests.map((request) => request.headers.authorization)).toEqual(
      attacker.requests.map(() => undefined),
    );
    expect(attacker.leaks()).toEqual([]);
  });
});

describe('the credential helper', () => {
  /** `git credential fill` with Perfbot's env for `remote`: what git would send to a server for `request`. */
  async function fill(
    remote: string,
    request: { protocol: string; host: string },
  ): Promise<{ code: number | null; stdout: string }> {
    const child = spawn('git', ['credential', 'fill'], {
      env: hardenedGitEnv({ credentials, remote }),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end(`protocol=${request.protocol}\nhost=${request.host}\npath=octo-org/perf-demo.git\n\n`);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    return { code, stdout };
  }

  it('answers for the protocol and host of the remote it was given', async () => {
    const answer = await fill('https://github.com/octo-org/perf-demo.git', { protocol: 'https', host: 'github.com' });
    expect(answer.code).toBe(0);
    expect(answer.stdout).toContain(`username=x-access-token\npassword=${TOKEN}\n`);
    const withPort = await fill('http://127.0.0.1:8080/r.git', { protocol: 'http', host: '127.0.0.1:8080' });
    expect(withPort.stdout).toContain(`password=${TOKEN}`);
  });

  it.each([
    { name: 'another host', protocol: 'https', host: 'evil.example' },
    { name: 'the same host over plain http', protocol: 'http', host: 'github.com' },
    { name: 'the same host on another port', protocol: 'https', host: 'github.com:8443' },
    { name: 'a host that only starts like it', protocol: 'https', host: 'github.com.evil.example' },
  ])('refuses $name', async ({ protocol, host }) => {
    const answer = await fill('https://github.com/octo-org/perf-demo.git', { protocol, host });
    // No answer from the helper and no prompt allowed: git gives up without a password.
    expect(answer.code).not.toBe(0);
    expect(answer.stdout).not.toContain(TOKEN);
  });

  it('keeps the token in the environment only, and needs the remote it is for', () => {
    const env = hardenedGitEnv({ credentials, remote: 'https://github.com/octo-org/perf-demo.git' });
    const config = Object.entries(env)
      .filter(([name]) => name.startsWith('GIT_CONFIG_VALUE_'))
      .map(([, value]) => value);
    expect(config.join('\n')).not.toContain(TOKEN);
    expect(config).toContain('never');
    expect(() => hardenedGitEnv({ credentials })).toThrow('credentials need the remote they are for');
  });
});
