/**
 * What keeping measured runs free of state costs (`snapshotDir`, used by `isolateBenchmarkRuns` in BENCHMARK and
 * VERIFY): on synthetic checkouts the size of a small and of a dependency-heavy repository, it times
 *   1. `snapshotDir` (copy + record), paid once per tree and side in each VERIFY;
 *   2. `restore()` after a run that changed nothing, paid after every benchmark run;
 *   3. `restore()` after a run that wrote a cache file, edited one file and planted a folder.
 * Times are medians over REPEATS, with the other sizes interleaved in a random order each round.
 *
 *   npm run bench:snapshot                 # REPEATS=15 SEED=1
 *
 * Progress goes to stderr, the Markdown results to stdout.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from '../src/benchmark/stats/descriptive-statistics.ts';
import { createRandom } from '../src/benchmark/seeded-random.ts';
import { snapshotDir } from '../src/optimize/snapshot-dir.ts';

const repeats = Number(process.env.REPEATS ?? 15);
const random = createRandom(Number(process.env.SEED ?? 1));

/** Trees: folders × files per folder × bytes per file. */
const SIZES = [
  { name: 'small repository (200 files, 0.8 MiB)', folders: 20, files: 10, bytes: 4096 },
  { name: 'with dependencies (20,000 files, 80 MiB)', folders: 1000, files: 20, bytes: 4096 },
] as const;

function buildTree(size: (typeof SIZES)[number]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'perfbot-snapshot-bench-'));
  const content = 'x'.repeat(size.bytes);
  for (let folder = 0; folder < size.folders; folder++) {
    const dir = path.join(root, `pkg-${folder % 50}`, `mod-${folder}`);
    mkdirSync(dir, { recursive: true });
    for (let file = 0; file < size.files; file++) writeFileSync(path.join(dir, `f${file}.js`), content);
  }
  return root;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

const trees = SIZES.map((size) => ({
  size,
  dir: buildTree(size),
  snapshot: [] as number[],
  clean: [] as number[],
  dirty: [] as number[],
}));
try {
  for (let round = 0; round < repeats; round++) {
    process.stderr.write(`round ${round + 1} of ${repeats}\n`);
    const order = [...trees].sort(() => random() - 0.5);
    for (const tree of order) {
      let snapshot: Awaited<ReturnType<typeof snapshotDir>> | undefined;
      tree.snapshot.push(await timed(async () => (snapshot = await snapshotDir(tree.dir))));
      try {
        tree.clean.push(await timed(() => snapshot!.restore()));
        writeFileSync(path.join(tree.dir, '.result-cache'), 'cached');
        appendFileSync(path.join(tree.dir, 'pkg-0', 'mod-0', 'f0.js'), 'changed');
        mkdirSync(path.join(tree.dir, 'planted', 'deep'), { recursive: true });
        tree.dirty.push(await timed(() => snapshot!.restore()));
      } finally {
        await snapshot!.remove();
      }
    }
  }
  const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
  const rows = trees.map(
    (tree) => `| ${tree.size.name} | ${ms(tree.snapshot)} | ${ms(tree.clean)} | ${ms(tree.dirty)} |`,
  );
  process.stdout.write(
    [
      `Medians of ${repeats} rounds (SEED ${process.env.SEED ?? 1}), ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${os.cpus().length}, Node ${process.version}.`,
      '',
      '| tree | snapshot (once per tree) | restore, nothing changed (per run) | restore after a cache, an edit, a folder (per run) |',
      '| --- | --: | --: | --: |',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  for (const tree of trees) rmSync(tree.dir, { recursive: true, force: true });
}
