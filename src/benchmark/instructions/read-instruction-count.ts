import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { CACHEGRIND_OUT_PREFIX, PERF_OUT_FILE } from './counting-argv.ts';
import type { InstructionCounter } from './instruction-counter.ts';
import { parseCachegrindOut } from './parse-cachegrind-out.ts';
import { parsePerfStat } from './parse-perf-stat.ts';

/** More out files than this is a fork bomb or a forgery, not a benchmark (the process limit is 1024 by default). */
const MAX_OUT_FILES = 4096;
/** Only these bytes of each file are read: the header and the summary line, whatever the file's size. */
const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 4 * 1024;

/**
 * The instructions one counted run executed: cachegrind's `Ir` summed over every process's out file, or perf's
 * count. Called after the run ended (every process of the sandbox is dead, so nothing can swap files while they
 * are read). The folder was writable by the run: symlinks, devices and FIFOs are refused (`O_NOFOLLOW`, regular
 * files only), and only a bounded head and tail of each file is read.
 * Throws an `Error` whose message says what was wrong; undefined means perf printed `<not supported>`.
 */
export async function readInstructionCount(counter: InstructionCounter, outDir: string): Promise<number | undefined> {
  const stat = await lstat(outDir);
  if (!stat.isDirectory()) throw new Error('its output folder was replaced');
  const names = await readdir(outDir);
  if (counter.kind === 'perf') {
    if (!names.includes(PERF_OUT_FILE)) throw new Error('perf stat wrote no output file');
    const { head } = await readEnds(path.join(outDir, PERF_OUT_FILE));
    return parsePerfStat(head);
  }
  const files = names.filter((name) => name.startsWith(CACHEGRIND_OUT_PREFIX));
  if (files.length === 0) throw new Error('cachegrind wrote no output file');
  if (files.length > MAX_OUT_FILES)
    throw new Error(`cachegrind wrote ${files.length} output files (more than ${MAX_OUT_FILES} processes)`);
  let total = 0;
  for (const name of files) {
    const { head, tail } = await readEnds(path.join(outDir, name));
    try {
      total += parseCachegrindOut(head, tail);
    } catch (error) {
      throw new Error(`cachegrind's output file ${name} is malformed: ${(error as Error).message}`, { cause: error });
    }
  }
  return total;
}

async function readEnds(file: string): Promise<{ head: string; tail: string }> {
  const name = path.basename(file);
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      // Said without the host path: the message can reach a pull request.
      throw new Error(
        error.code === 'ELOOP'
          ? `the counter's output file ${name} is a symbolic link`
          : `the counter's output file ${name} could not be opened (${error.code ?? 'error'})`,
      );
    },
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`the counter's output file ${name} is not a regular file`);
    const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(TAIL_BYTES, stat.size);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, stat.size - tailLength);
    return { head: head.toString('utf8'), tail: tail.toString('utf8') };
  } finally {
    await handle.close();
  }
}
