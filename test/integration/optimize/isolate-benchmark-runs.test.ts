import { execFileSync } from 'node:child_process';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isolateBenchmarkRuns } from '../../../src/optimize/isolate-benchmark-runs.ts';
import { snapshotDir } from '../../../src/optimize/snapshot-dir.ts';
import { createSandbox } from '../../../src/sandbox/create-sandbox.ts';
import type { RunUntrusted } from '../../../src/sandbox/sandbox.ts';

// A benchmark that caches its result wherever it can write: in its checkout, in its home and in /tmp. Each run
// prints which caches it found, then writes them, edits a tracked file, deletes another and plants a folder.
const CACHING_BENCH = `const fs = require('node:fs');
const path = require('node:path');
const places = { tree: '.result-cache', home: path.join(process.env.HOME, '.result-cache'), tmp: '/tmp/result-cache' };
const found = Object.entries(places).filter(([, file]) => fs.existsSync(file)).map(([name]) => name);
console.log(JSON.stringify({ found, data: fs.readFileSync('data.txt', 'utf8'), setup: fs.existsSync('build/out.txt') }));
for (const file of Object.values(places)) fs.writeFileSync(file, 'cached');
fs.appendFileSync('data.txt', 'changed by the run\\n');
fs.rmSync('input.txt', { force: true });
fs.mkdirSync('planted/deep', { recursive: true });
fs.writeFileSync('planted/deep/x', 'x');
// A folder of its own it then makes unreadable, so that undoing the run takes more than a plain recursive delete.
if (!fs.existsSync('locked')) {
  fs.mkdirSync('locked/inner', { recursive: true });
  fs.writeFileSync('locked/inner/y', 'y');
  fs.chmodSync('locked/inner', 0);
  fs.chmodSync('locked', 0);
}
`;
const COMMAND = ['node', 'bench.js'];
const SETUP = [
  'node',
  '-e',
  "require('node:fs').mkdirSync('build');require('node:fs').writeFileSync('build/out.txt','built')",
];

const sandbox = createSandbox({ mode: 'auto' });
const roots: string[] = [];
let tree: string;
let home: string;

beforeEach(async () => {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'perfbot-isolate-')));
  roots.push(root);
  tree = path.join(root, 'tree');
  home = path.join(root, 'home');
  await mkdir(tree);
  await mkdir(home);
  await writeFile(path.join(tree, 'bench.js'), CACHING_BENCH);
  await writeFile(path.join(tree, 'data.txt'), 'original\n');
  await writeFile(path.join(tree, 'input.txt'), 'input\n');
});
afterAll(async () => {
  // The control leaves the bench's locked folder behind.
  for (const root of roots) {
    execFileSync('chmod', ['-R', 'u+rwx', root]);
    await rm(root, { recursive: true, force: true });
  }
});

async function runs(
  runProcess: RunUntrusted,
  times: number,
): Promise<{ found: string[]; data: string; setup: boolean }[]> {
  const request = {
    cwd: tree,
    home,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    timeoutMs: 30_000,
    network: 'none' as const,
  };
  const setup = await runProcess({ ...request, command: SETUP });
  expect(setup.exitCode, setup.outputTail).toBe(0);
  const outputs = [];
  for (let index = 0; index < times; index++) {
    const result = await runProcess({ ...request, command: COMMAND });
    expect(result.exitCode, result.outputTail).toBe(0);
    outputs.push(JSON.parse(result.stdout) as { found: string[]; data: string; setup: boolean });
  }
  return outputs;
}

describe('isolateBenchmarkRuns: every benchmark run starts from the same files', () => {
  it('undoes what each run wrote in its checkout and home, keeps what setup built, and /tmp is private per run', async () => {
    const isolated = isolateBenchmarkRuns(sandbox.run, SETUP);
    const outputs = await runs(isolated.runProcess, 3);
    await isolated.dispose();
    expect(outputs).toEqual(Array.from({ length: 3 }, () => ({ found: [], data: 'original\n', setup: true })));
    expect((await readdir(tree)).sort()).toEqual(['bench.js', 'build', 'data.txt', 'input.txt']);
    expect(await readFile(path.join(tree, 'data.txt'), 'utf8')).toBe('original\n');
    expect(await readdir(home)).toEqual([]);
  });

  it("leaves alone what Perfbot put at the top between runs (the instruction counter's output folder), and passes runs before setup through", async () => {
    const isolated = isolateBenchmarkRuns(sandbox.run, SETUP);
    const request = {
      cwd: tree,
      home,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      timeoutMs: 30_000,
      network: 'none' as const,
    };
    try {
      // Before setup: not measured, and not undone (a counter's detection runs here).
      await isolated.runProcess({
        ...request,
        command: ['node', '-e', "require('node:fs').writeFileSync('before-setup', 'x')"],
      });
      expect(await readFile(path.join(tree, 'before-setup'), 'utf8')).toBe('x');
      await isolated.runProcess({ ...request, command: SETUP });
      await isolated.runProcess({ ...request, command: COMMAND });
      // As the counting runner does: a folder of its own, then a run that writes into it (and elsewhere).
      await mkdir(path.join(tree, '.perfbot-instructions-1'));
      const counted = await isolated.runProcess({
        ...request,
        command: [
          'node',
          '-e',
          "const fs = require('node:fs'); fs.writeFileSync('.perfbot-instructions-1/count', '42'); fs.writeFileSync('.result-cache', 'cached')",
        ],
      });
      expect(counted.exitCode, counted.outputTail).toBe(0);
      expect(await readFile(path.join(tree, '.perfbot-instructions-1', 'count'), 'utf8')).toBe('42');
      expect((await readdir(tree)).sort()).toEqual([
        '.perfbot-instructions-1',
        'before-setup',
        'bench.js',
        'build',
        'data.txt',
        'input.txt',
      ]);
    } finally {
      await isolated.dispose();
    }
  });

  it.skipIf(sandbox.kind !== 'bubblewrap')(
    'control: without it, run 2 finds the caches of run 1 in the checkout and home (not /tmp)',
    async () => {
      const outputs = await runs(sandbox.run, 2);
      expect(outputs[1]?.found).toEqual(['tree', 'home']);
      expect(outputs[1]?.data).toBe('original\nchanged by the run\n');
    },
  );
});

describe('snapshotDir', () => {
  it('puts back modes and times, and a folder that was replaced by a symlink, without writing through it', async () => {
    const outside = roots[roots.length - 1] as string;
    await mkdir(path.join(tree, 'src'));
    await writeFile(path.join(tree, 'src', 'a.js'), 'a\n');
    await chmod(path.join(tree, 'bench.js'), 0o755);
    const before = await stat(path.join(tree, 'data.txt'));
    const snapshot = await snapshotDir(tree);
    try {
      await rm(path.join(tree, 'src'), { recursive: true });
      await mkdir(path.join(outside, 'elsewhere'));
      await symlink(path.join(outside, 'elsewhere'), path.join(tree, 'src'));
      await chmod(path.join(tree, 'bench.js'), 0o600);
      await writeFile(path.join(tree, 'data.txt'), 'tampered\n');
      await snapshot.restore();
    } finally {
      await snapshot.remove();
    }
    expect((await lstat(path.join(tree, 'src'))).isDirectory()).toBe(true);
    expect(await readFile(path.join(tree, 'src', 'a.js'), 'utf8')).toBe('a\n');
    expect(await readdir(path.join(outside, 'elsewhere'))).toEqual([]);
    expect((await stat(path.join(tree, 'bench.js'))).mode & 0o777).toBe(0o755);
    const after = await stat(path.join(tree, 'data.txt'));
    expect(await readFile(path.join(tree, 'data.txt'), 'utf8')).toBe('original\n');
    // Build tools compare modification times: the restored file keeps its own (to within a microsecond).
    expect(Math.abs(after.mtimeMs - before.mtimeMs)).toBeLessThan(0.001);
  });
});
