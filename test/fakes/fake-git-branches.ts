import { execFileSync } from 'node:child_process';
import type { FakeRepo } from './fake-github-state.ts';

/**
 * A branch's head as the fake knows it: seeded in `repo.branches`, or — when the repository is backed by a real
 * bare repository (`repo.gitDir`, where Perfbot's pushes land) — read from that repository, so a branch the app
 * pushed exists for the API too, as on GitHub. Synchronous because route handlers are.
 */
export function fakeBranchSha(repo: FakeRepo, name: string): string | undefined {
  const seeded = repo.branches.get(name);
  if (seeded !== undefined || repo.gitDir === undefined) return seeded;
  try {
    const sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${name}^{commit}`], {
      cwd: repo.gitDir,
      env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return sha === '' ? undefined : sha;
  } catch {
    return undefined;
  }
}
