import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildChildEnv, isRefusedEnvName } from '../../../src/benchmark/runner/build-child-env.ts';
import { runProcess } from '../../../src/benchmark/runner/run-process.ts';

const SECRETS = {
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
  GITHUB_TOKEN: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
  WEBHOOK_SECRET: 'hunter2-webhook',
  REDIS_URL: 'redis://default:pw@localhost:6379',
  ANTHROPIC_API_KEY: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz',
  OPENAI_API_KEY: 'sk-proj-abcdefghijklmnopqrstuvwxyz',
};

function parseEnvOutput(stdout: string): Record<string, string> {
  // `env -0` separates entries with NUL, so values containing newlines (the PEM key) stay whole.
  return Object.fromEntries(
    stdout
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

describe('buildChildEnv', () => {
  it('keeps only allow-listed parent variables, LC_* included', () => {
    const parent = {
      PATH: '/usr/bin:/bin',
      HOME: '/home/perf',
      LANG: 'C.UTF-8',
      LC_TIME: 'en_GB.UTF-8',
      GOCACHE: '/cache/go',
      NODE_OPTIONS: '--import tsx',
      PYTHONPATH: '/opt/py',
      SSH_AUTH_SOCK: '/run/agent.sock',
      UNSET: undefined,
      ...SECRETS,
    };
    expect(buildChildEnv(parent)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/perf',
      LANG: 'C.UTF-8',
      LC_TIME: 'en_GB.UTF-8',
      GOCACHE: '/cache/go',
    });
  });

  it('adds extra variables but refuses secret-looking names and values even when asked', () => {
    const env = buildChildEnv(
      { PATH: '/bin' },
      {
        BENCH_SIZE: '1000',
        NODE_OPTIONS: '--max-old-space-size=4096',
        GH_TOKEN: 'x',
        NPM_AUTH_TOKEN: 'x',
        MY_API_KEY: 'x',
        DATABASE_URL: 'postgres://localhost/db',
        AWS_REGION: 'eu-west-1',
        HARMLESS_NAME: 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
        REGISTRY: 'https://user:hunter2@registry.example.com/',
        PEM: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc',
        BASH_ENV: '/tmp/evil.sh',
        'BASH_FUNC_times%%': '() { echo 0; }',
      },
    );
    expect(env).toEqual({ PATH: '/bin', BENCH_SIZE: '1000', NODE_OPTIONS: '--max-old-space-size=4096' });
  });

  it('names the variables it would refuse, so a caller can warn about them', () => {
    const names = ['GITHUB_APP_ID', 'OPENAI_API_KEY', 'redis_host', 'BASH_ENV', 'BENCH_SIZE', 'PATH', 'BASH_VERSION'];
    expect(names.filter(isRefusedEnvName)).toEqual(['GITHUB_APP_ID', 'OPENAI_API_KEY', 'redis_host', 'BASH_ENV']);
  });
});

describe('the environment a real child process sees', () => {
  it('contains no secret from the parent, even in a grandchild', async () => {
    const parent = { ...process.env, ...SECRETS };
    const env = buildChildEnv(parent, {});
    const result = await runProcess({ command: 'env -0; sh -c "env -0"', cwd: os.tmpdir(), env, timeoutMs: 20_000 });
    expect(result.exitCode).toBe(0);
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(result.stdout).not.toContain(`${name}=`);
      expect(result.stdout).not.toContain(value);
    }
    expect(parseEnvOutput(result.stdout).PATH).toBe(process.env.PATH);
  });

  it('is exactly the given env plus the run cookie for an argv command', async () => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', FOO: 'bar baz', MULTI: 'line1\nline2' };
    const result = await runProcess({ command: ['env', '-0'], cwd: os.tmpdir(), env, timeoutMs: 20_000 });
    const seen = parseEnvOutput(result.stdout);
    expect(Object.keys(seen).sort()).toEqual(['FOO', 'MULTI', 'PATH', 'PERFBOT_RUN_COOKIE']);
    expect(seen).toMatchObject(env);
    // `<owner pid>.<owner start time>.<owner pid namespace>.<random>`: the owner part lets a later worker start find a dead one's leftovers.
    expect(seen.PERFBOT_RUN_COOKIE).toMatch(new RegExp(`^${process.pid}\\.\\d+\\.\\d+\\.[0-9a-f]{32}$`));
  });
});
