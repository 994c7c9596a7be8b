import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sandbox/create-sandbox.ts';
import { SandboxUnavailableError } from '../../../src/domain/errors.ts';
import type { SandboxRequest } from '../../../src/sandbox/sandbox.ts';
import { processesWith } from '../../helpers/find-processes.ts';

// Each test attacks the sandbox the way a hostile pull request's benchmark would, and checks the attack fails.
// The control at the end runs the same attacks without the sandbox and checks they succeed, so the attacks are real.

const sandbox = createSandbox({ mode: 'bubblewrap' });
const unsandboxed = createSandbox({ mode: 'none' });
const redisPort = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || '6379';
const CANARY = `canary-${randomUUID()}`;

let root: string;
let worktree: string;
let sibling: string;
let worker: ChildProcess;

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'perfbot-sandbox-test-')));
  worktree = path.join(root, 'worktrees', 'task-head');
  sibling = path.join(root, 'worktrees', 'task-base');
  await mkdir(worktree, { recursive: true });
  await mkdir(sibling, { recursive: true });
  await writeFile(path.join(sibling, 'bench.sh'), 'echo base\n');
  await mkdir(path.join(root, 'optimize-runs', 'task'), { recursive: true });
  await writeFile(path.join(root, 'optimize-runs', 'task', 'change-1.patch'), 'validated\n');
  // A process with a secret in its environment, as the worker has PRIVATE_KEY.
  worker = spawn('sleep', ['120'], { env: { PATH: '/usr/bin:/bin', PERFBOT_TEST_CANARY: CANARY }, stdio: 'ignore' });
});
afterAll(async () => {
  worker.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

function run(command: string, extra: Partial<SandboxRequest> = {}) {
  return sandbox.run({
    command,
    cwd: worktree,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: os.homedir() },
    timeoutMs: 30_000,
    ...extra,
  });
}

/** A shell line that prints `connected` when a TCP connection to host:port opens. */
const connect = (host: string, port: string) =>
  `bash -c 'exec 3<>/dev/tcp/${host}/${port}' 2>/dev/null && echo connected-${host}-${port}`;

describe.skipIf(sandbox.kind !== 'bubblewrap')('the bubblewrap sandbox, attacked', () => {
  it("sees no other process's environment, and not the worker's /proc", async () => {
    const result = await run(
      `cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n'; test -e /proc/${worker.pid}/environ && echo worker-visible; ls /proc | grep -c '^[0-9]'`,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain(CANARY);
    expect(result.stdout).not.toContain('worker-visible');
    // Its own processes only: the sandbox's init, the shell, cat/ls/grep.
    expect(Number(result.stdout.trim().split('\n').at(-1))).toBeLessThan(10);
  });

  it('cannot create user namespaces of its own (the usual first step of a kernel exploit)', async () => {
    for (const network of ['none', 'outbound'] as const) {
      const result = await run('unshare --user --map-root-user true 2>&1 && echo created', { network });
      expect(result.stdout).not.toContain('created');
    }
  });

  it('lets an agent CLI that sandboxes its own commands (nestedSandbox) create them', async () => {
    const nested = await run('unshare --user --map-root-user true 2>&1 && echo created', { nestedSandbox: true });
    expect(nested.stdout).toContain('created');
  });

  it('cannot reach Redis or any port on the host', async () => {
    const result = await run(`${connect('127.0.0.1', redisPort)}; ${connect('localhost', redisPort)}; echo done`);
    expect(result.stdout).toBe('done\n');
  });

  it('sees only its own worktree: not the sibling side, the run files, the worker’s home or the project', async () => {
    const result = await run(
      [
        `ls ${sibling} 2>&1`,
        `cat ${root}/optimize-runs/task/change-1.patch 2>&1`,
        `ls ${os.homedir()} 2>&1`,
        `ls ${process.cwd()} 2>&1`,
        `echo slow > ${sibling}/bench.sh 2>&1`,
        'touch /usr/planted 2>&1',
        'echo mine > own-file && echo wrote-own',
      ].join('; '),
    );
    expect(result.stdout).toContain('wrote-own');
    expect(result.stdout).not.toContain('bench.sh');
    expect(result.stdout).not.toContain('validated');
    expect(await readFile(path.join(sibling, 'bench.sh'), 'utf8')).toBe('echo base\n');
    expect(existsSync('/usr/planted')).toBe(false);
    expect(await readFile(path.join(worktree, 'own-file'), 'utf8')).toBe('mine\n');
  });

  it('gets a private empty home and /tmp that the next run does not see', async () => {
    const plant = await run(
      'mkdir -p ~/.claude && echo evil > ~/.claude/settings.json && echo "[core] hooksPath=/x" > ~/.gitconfig && echo t > /tmp/planted && echo $HOME',
    );
    expect(plant.stdout.trim()).toBe('/home/sandbox');
    const next = await run('ls -A ~ /tmp; cat ~/.gitconfig 2>&1');
    expect(next.stdout).not.toContain('settings');
    expect(next.stdout).not.toContain('planted');
    expect(next.stdout).not.toContain('hooksPath');
    expect(
      existsSync(path.join(os.homedir(), '.claude', 'settings.json')) &&
        (await readFile(path.join(os.homedir(), '.claude', 'settings.json'), 'utf8')) === 'evil\n',
    ).toBe(false);
  });

  it('leaves no process behind, not even an `env -i` daemon whose parent exited', async () => {
    const marker = `escaped-${randomUUID()}`;
    const result = await run(
      `( env -i /bin/sh -c 'sleep 2; echo alive > ${worktree}/${marker}' ${marker} & ) ; sleep 0.2; echo started`,
    );
    expect(result.stdout).toBe('started\n');
    expect(await processesWith(marker)).toEqual([]);
    await sleep(2500);
    expect(existsSync(path.join(worktree, marker))).toBe(false);
  });

  it('runs the programs it starts outside the sandbox by absolute path, whatever PATH perf.yml sets', async () => {
    const evil = path.join(worktree, 'evil-bin');
    await mkdir(evil, { recursive: true });
    const marker = path.join(root, `ran-outside-${randomUUID()}`);
    for (const name of ['bwrap', 'unshare', 'nsenter', 'ip', 'slirp4netns', 'sleep', 'readlink', 'env', 'bash', 'sh']) {
      await writeFile(path.join(evil, name), `#!/bin/sh\necho ${name} >> ${marker}\n`);
      await chmod(path.join(evil, name), 0o755);
    }
    for (const network of ['none', 'outbound'] as const) {
      const result = await sandbox.run({
        command: ['/bin/echo', 'ok'],
        cwd: worktree,
        env: { PATH: `${evil}:/usr/bin:/bin` },
        timeoutMs: 30_000,
        network,
      });
      expect(result.stdout).toBe('ok\n');
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('outbound network: no host loopback, and blackholes for link-local and private ranges it cannot remove', async () => {
    const result = await run(
      [
        connect('10.0.2.2', redisPort),
        connect('127.0.0.1', redisPort),
        // The routing table only: no packet is sent to these ranges.
        'ip route del blackhole 169.254.0.0/16 2>&1',
        'ip route del default 2>&1',
        'ip route show',
      ].join('; '),
      { network: 'outbound' },
    );
    expect(result.stdout).not.toContain('connected');
    const routes = result.stdout.split('\n');
    for (const range of ['169.254.0.0/16', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']) {
      expect(routes).toContain(`blackhole ${range} `);
    }
    expect(routes).toContain('default via 10.0.2.2 dev tap0 ');
    expect(result.stdout.match(/RTNETLINK answers: Operation not permitted/g)).toHaveLength(2);
  });

  it('fails a run over its memory, process, file-size or output limit, naming the limit', async () => {
    const memory = await sandbox.run({
      command: [process.execPath, '-e', 'const a = []; for (;;) a.push(Buffer.alloc(1e6, 1))'],
      cwd: worktree,
      env: { PATH: '/usr/bin:/bin' },
      timeoutMs: 30_000,
      limits: { memoryBytes: 200 * 2 ** 20 },
    });
    expect(memory.limitExceeded).toMatchObject({
      limit: 'memory',
      message: expect.stringContaining('over its limit of 200 MiB'),
    });
    const processes = await run('for i in $(seq 60); do sleep 5 & done; wait', { limits: { processes: 20 } });
    expect(processes.limitExceeded).toMatchObject({
      limit: 'processes',
      message: expect.stringContaining('over its limit of 20'),
    });
    const disk = await run('exec head -c 3000000 /dev/zero > big', { limits: { diskBytes: 2_000_000 } });
    expect(disk.limitExceeded).toMatchObject({ limit: 'disk', message: expect.stringContaining('disk limit') });
    const output = await run('head -c 3000000 /dev/zero | tr "\\0" x', { limits: { outputBytes: 2 ** 20 } });
    expect(output.limitExceeded).toMatchObject({
      limit: 'output',
      message: 'printed more than its output limit of 1 MiB',
    });
  });

  it('refuses to run anything when bubblewrap cannot start, saying why', async () => {
    const warnings: string[] = [];
    const broken = createSandbox({
      mode: 'bubblewrap',
      bwrap: '/nonexistent/bwrap',
      warn: (message) => warnings.push(message),
    });
    await expect(broken.run({ command: 'true', cwd: worktree, env: {}, timeoutMs: 1000 })).rejects.toBeInstanceOf(
      SandboxUnavailableError,
    );
    expect(warnings[0]).toMatch(/sandbox cannot start on this worker, so no code from the pull request was run/);
    expect(warnings[0]).toContain('PERFBOT_SANDBOX=none');
  });

  it('control: the same attacks succeed without the sandbox (so the tests above can fail)', async () => {
    const result = await unsandboxed.run({
      command: `cat /proc/${worker.pid}/environ; ${connect('127.0.0.1', redisPort)}; cat ${root}/optimize-runs/task/change-1.patch`,
      cwd: worktree,
      env: { PATH: '/usr/bin:/bin' },
      timeoutMs: 30_000,
    });
    expect(result.stdout).toContain(CANARY);
    expect(result.stdout).toContain(`connected-127.0.0.1-${redisPort}`);
    expect(result.stdout).toContain('validated');
  });
});
