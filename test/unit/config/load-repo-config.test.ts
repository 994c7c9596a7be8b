import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRepoConfig } from '../../../src/config/load-repo-config.ts';
import { RepoConfigError } from '../../../src/domain/errors.ts';

describe('loadRepoConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perfbot-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and parses a real file', async () => {
    const file = join(dir, 'perf.yml');
    await writeFile(file, 'benchmark:\n  command: [hyperfine, --export-json, out.json, ./app]\n  runs: 12\n');
    const config = await loadRepoConfig(file);
    expect(config.benchmark?.command).toEqual(['hyperfine', '--export-json', 'out.json', './app']);
    expect(config.benchmark?.runs).toEqual({ min: 12, max: 12 });
    expect(config.thresholds.noise).toBe(0.02);
  });

  it('names the file in schema errors', async () => {
    const file = join(dir, 'perf.yml');
    await writeFile(file, 'benchmark:\n  command: make\n  runs: ten\n');
    const error = await loadRepoConfig(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RepoConfigError);
    expect((error as RepoConfigError).file).toBe(file);
    expect((error as RepoConfigError).message.split('\n').slice(0, 2)).toEqual([
      `${file} has 1 problem:`,
      `  ${file}:3:9: benchmark.runs: expected a positive integer or a mapping with min and max, got "ten"`,
    ]);
  });

  it('explains how to create a missing file, with a minimal example', async () => {
    const file = join(dir, '.github', 'perf.yml');
    const error = await loadRepoConfig(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RepoConfigError);
    expect((error as RepoConfigError).userError).toBe(true);
    expect((error as RepoConfigError).issues).toEqual([]);
    expect((error as RepoConfigError).message).toBe(
      [
        `${file} does not exist. Perfbot needs a .github/perf.yml that says how to run your benchmarks. Create it with at least:`,
        '',
        '  benchmark:',
        '    command: npm run bench',
        '',
        'See docs/perf-yml.md for every key, its default and an example.',
      ].join('\n'),
    );
  });

  it('reports a path that cannot be read as a file', async () => {
    const error = await loadRepoConfig(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RepoConfigError);
    expect((error as RepoConfigError).message).toBe(`${dir} could not be read (EISDIR).`);
  });
});
