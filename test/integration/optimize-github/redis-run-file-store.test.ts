import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRedisRunFileStore, runFilesKey } from '../../../src/optimize/github/create-redis-run-file-store.ts';
import { createRunFiles, directoryStore } from '../../../src/optimize/run-files.ts';
import { createRedisConnection } from '../../../src/queue/create-redis-connection.ts';
import { cleanupAll, createTempDir } from '../../helpers/git-fixtures.ts';
import { REDIS_URL } from './optimize-github-harness.ts';

const redis = createRedisConnection(REDIS_URL, { role: 'worker' });
const prefix = `perfbot-test-${randomUUID().slice(0, 8)}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await cleanupAll();
});

/** The run files of run `runId` as a worker whose disk is `dir` sees them. */
const filesOn = (dir: string, runId: string, limits?: { fileBytes: number; runBytes: number }) => {
  const local = path.join(dir, runId);
  const store = createRedisRunFileStore(redis, {
    prefix,
    runId,
    local: directoryStore(local),
    ...(limits ? { limits } : {}),
  });
  return { files: createRunFiles(local, store), store };
};

describe('run files in Redis', () => {
  it("are read by a worker that never wrote them, with a copy on the writer's disk, and removed at the end", async () => {
    const runId = `run-${randomUUID().slice(0, 6)}`;
    const writer = filesOn(await createTempDir('perfbot-rf-a-'), runId);
    await writer.files.writePatch(1, 'diff --git a/x b/x\n');
    await writer.files.writeArtifact('perf-baseline.md', '# Baseline\n');
    await writer.files.writeData('baseline.json', { median: Number.NaN, n: 6 });
    expect(await readFile(path.join(writer.files.dir, 'change-1.patch'), 'utf8')).toBe('diff --git a/x b/x\n');

    const reader = filesOn(await createTempDir('perfbot-rf-b-'), runId);
    expect(await reader.files.readPatch(1)).toBe('diff --git a/x b/x\n');
    expect(await reader.files.listArtifacts()).toEqual(['perf-baseline.md']);
    expect(
      await reader.files.readData('baseline.json', z.object({ median: z.union([z.number(), z.nan()]), n: z.number() })),
    ).toEqual({ median: Number.NaN, n: 6 });
    expect(await redis.ttl(runFilesKey(prefix, runId))).toBeGreaterThan(24 * 3600);

    await reader.store.remove();
    expect(await redis.exists(runFilesKey(prefix, runId))).toBe(0);
    await expect(filesOn(await createTempDir('perfbot-rf-c-'), runId).files.readPatch(1)).rejects.toThrow(
      /change of iteration 1 is missing/,
    );
  });

  it('cut an artifact over the file cap with a note, and refuse a patch over it or a run over its total', async () => {
    const runId = `run-${randomUUID().slice(0, 6)}`;
    const { files } = filesOn(await createTempDir('perfbot-rf-d-'), runId, { fileBytes: 1000, runBytes: 2500 });
    await files.writeArtifact('transcript.md', 'é'.repeat(2000));
    const cut = (await redis.hget(runFilesKey(prefix, runId), 'bots/transcript.md'))!;
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1000);
    expect(cut).toMatch(/^é+\n\n… cut at 0\.0 MB of 0\.0 MB \(the whole file is in the worker's run folder\)\n$/);
    expect(await readFile(path.join(files.artifactsDir, 'transcript.md'), 'utf8')).toBe('é'.repeat(2000));

    await expect(files.writePatch(1, 'x'.repeat(1001))).rejects.toThrow(
      /change-1\.patch is 0\.0 MB, more than the 0\.0 MB a run file may be/,
    );
    await files.writePatch(1, 'x'.repeat(900));
    await expect(files.writePatch(2, 'y'.repeat(900))).rejects.toThrow(
      /would pass 0\.0 MB in Redis with change-2\.patch/,
    );
    // Replacing a file counts its new size, not both.
    await files.writePatch(1, 'z'.repeat(950));
    expect(await files.readPatch(1)).toBe('z'.repeat(950));
  });
});
