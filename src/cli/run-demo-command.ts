import { rm } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import { UsageError } from '../domain/errors.ts';
import { createDemoRepo } from '../demo/create-demo-repo.ts';
import { checkDemoReport } from '../demo/check-demo-report.ts';
import { renderBenchReport } from '../reports/render-bench-report.ts';
import type { CliIo } from './main.ts';
import { benchLocalRepo } from './run-bench-command.ts';

/**
 * `perfbot demo`: the main job on an embedded example — no GitHub, no Redis, no network. Exits 0 when the
 * engine found what was planted (sort slower, the others not flagged), 1 otherwise.
 */
export async function runDemoCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) throw new UsageError(`demo: takes no arguments, got "${args.join(' ')}"`);
  const repo = await createDemoRepo();
  try {
    io.stderr(`[perfbot] demo repository: ${repo.dir}\n[perfbot] base = main (${repo.baseSha.slice(0, 7)}), head = slow-sort (${repo.headSha.slice(0, 7)}): \`sort\` does ~40% more work, \`parse\` and \`hash\` are unchanged.\n`);
    const report = await benchLocalRepo({ repo: repo.dir, base: 'main', head: 'slow-sort', seed: randomInt(2 ** 31) }, io);
    io.stdout(`${renderBenchReport(report)}\n`);
    const problems = checkDemoReport(report);
    if (problems.length > 0) {
      io.stderr(`[perfbot] demo: the report is not what the planted change should give:\n${problems.map((p) => `  - ${p}`).join('\n')}\n(The machine may be very noisy; run it again.)\n`);
      return 1;
    }
    io.stderr('[perfbot] demo: the planted slowdown was found and nothing else was flagged.\n');
    return 0;
  } finally {
    await rm(repo.dir, { recursive: true, force: true });
  }
}
