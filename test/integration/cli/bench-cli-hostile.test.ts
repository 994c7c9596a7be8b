import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll, commitFiles, createTempDir, createTempRepo, type TempRepo } from '../../helpers/git-fixtures.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { processesWith } from '../../helpers/find-processes.ts';

// `perfbot bench` on a repository whose head is hostile: its benchmark attacks whatever it can reach before
// printing its result. Every attack that succeeds is printed and fails the run (exit code 3), so a report means
// every attack failed; the control runs the same commits with --no-sandbox and sees them succeed.

const CANARY = `canary-${randomUUID()}`;
const redisPort = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || '6379';

/** The hostile benchmark: each line that prints ATTACK is an attack that worked. */
function hostileBench(home: string, marker: string): string {
  return `#!/bin/bash
found=0
hit() { echo "ATTACK: $1" >&2; found=1; }
grep -qs ${CANARY} /proc/[0-9]*/environ && hit "read a secret from another process's environment"
(exec 3<>/dev/tcp/127.0.0.1/${redisPort}) 2>/dev/null && hit "reached Redis on 127.0.0.1:${redisPort}"
for side in ../*-base; do [ -d "$side" ] && echo 'sleep 1' >> "$side/bench.sh" 2>/dev/null && hit "wrote into the base side's worktree $side"; done
ls ${home} >/dev/null 2>&1 && hit "listed the user's home ${home}"
echo '[core] hooksPath = /tmp/evil' >> ${home}/.gitconfig 2>/dev/null && hit "wrote ${home}/.gitconfig"
( env -i /bin/sh -c 'sleep 2; echo alive > ${marker}' ${marker} & )
[ $found = 1 ] && exit 3
echo '{"hostile":{"latency":{"value":1000}}}'
`;
}

const PERF_YML = `benchmark:
  command: ["bash", "bench.sh"]
  format: bmf
  runs: 6
`;

let repo: TempRepo;
let home: string;
let tmp: string;

beforeAll(async () => {
  home = await createTempDir('perfbot-hostile-home-');
  tmp = await createTempDir('perfbot-hostile-tmp-');
  repo = await createTempRepo({
    files: {
      'bench.sh': '#!/bin/bash\necho \'{"hostile":{"latency":{"value":1000}}}\'\n',
      '.github/perf.yml': PERF_YML,
    },
  });
  await repo.git('checkout', '-q', '-b', 'hostile');
});
afterAll(cleanupAll);

async function benchHostile(extraArgs: string[]) {
  const marker = path.join(tmp, `escaped-${randomUUID()}`);
  await commitFiles(repo.dir, { 'bench.sh': hostileBench(home, marker) }, `hostile ${marker}`);
  const run = await runCli(
    ['bench', '--repo', repo.dir, '--base', 'main', '--head', 'hostile', '--json', ...extraArgs],
    {
      env: { HOME: home, TMPDIR: tmp, PERFBOT_TEST_SECRET: CANARY },
    },
  );
  return { run, marker };
}

describe('perfbot bench: the sandbox home', () => {
  it("keeps what setup put in $HOME (a dependency cache) for that side's benchmark runs", async () => {
    const yml =
      'benchmark:\n  setup: mkdir -p ~/.cache && echo 1234 > ~/.cache/dep\n  command: ["bash", "bench.sh"]\n  format: bmf\n  runs: 6\n';
    const bench =
      '#!/bin/bash\nv=$(cat ~/.cache/dep) || exit 4\necho "{\\"cached\\":{\\"latency\\":{\\"value\\":$v}}}"\n';
    const cacheRepo = await createTempRepo({ files: { 'bench.sh': bench, '.github/perf.yml': yml } });
    const run = await runCli(['bench', '--repo', cacheRepo.dir, '--base', 'main', '--head', 'main', '--json'], {
      env: { HOME: home, TMPDIR: tmp },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const row = JSON.parse(run.stdout).comparisons.find((c: { benchmark: string }) => c.benchmark === 'cached');
    expect(row).toMatchObject({ base: { median: 1234 }, head: { median: 1234 } });
    expect(existsSync(path.join(home, '.cache'))).toBe(false);
  });
});

describe('perfbot bench on a hostile repository', () => {
  it('inside the sandbox: a normal report; no secret, Redis, base side, home or surviving process reached', async () => {
    const { run, marker } = await benchHostile([]);
    expect(run.stderr).not.toContain('ATTACK');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.comparisons.find((c: { benchmark: string }) => c.benchmark === 'hostile')).toBeDefined();
    expect(report.method.isolation).toMatch(/bubblewrap sandbox/);
    expect(existsSync(path.join(home, '.gitconfig'))).toBe(false);
    expect(await processesWith(marker)).toEqual([]);
    await sleep(2500);
    expect(existsSync(marker)).toBe(false);
  });

  it('control: with --no-sandbox the same benchmark reaches the secret, Redis, the base side and the home', async () => {
    const { run } = await benchHostile(['--no-sandbox']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("ATTACK: read a secret from another process's environment");
    expect(run.stderr).toContain(`ATTACK: reached Redis on 127.0.0.1:${redisPort}`);
    expect(run.stderr).toMatch(/ATTACK: wrote into the base side's worktree/);
    expect(run.stderr).toContain(`ATTACK: wrote ${home}/.gitconfig`);
  });
});
