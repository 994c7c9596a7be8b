import { z } from 'zod';
import { forMarkdownInline } from '../../domain/untrusted-text.ts';
import { ProfileFormatError } from '../../domain/errors.ts';
import type { ProfileSummary } from './profile-summary.ts';
import { relativeLocation } from './relative-location.ts';

/**
 * Run by the benchmark's own python inside the sandbox with the cProfile file as its argument: prints the
 * total time, then one JSON line per function (`[file, line, name, tottime, cumtime]`, seconds). Our own
 * format, so nothing depends on the layout of pstats' printed table, and a file name cannot break a row.
 */
export const PSTATS_DUMP_SCRIPT = [
  'import json, pstats, sys',
  's = pstats.Stats(sys.argv[1])',
  'print(json.dumps(["total", s.total_tt]))',
  'for (f, l, n), (cc, nc, tt, ct, callers) in s.stats.items(): print(json.dumps([f, l, n, tt, ct]))',
].join('\n');

const MAX_FUNCTIONS = 100_000;
const seconds = z.number().min(0).max(1e9);
const Total = z.tuple([z.literal('total'), seconds]);
const Row = z.tuple([z.string(), z.number().int().min(0), z.string(), seconds, seconds]);

/** Reads `PSTATS_DUMP_SCRIPT`'s output; anything else in it (or a missing total) is a `ProfileFormatError`. */
export function parsePstatsDump(output: string, root?: string): ProfileSummary {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  if (lines.length > MAX_FUNCTIONS + 1)
    throw new ProfileFormatError(`the cProfile file lists more than ${MAX_FUNCTIONS} functions`);
  const [first, ...rest] = lines.map(parseLine);
  const total = Total.safeParse(first);
  if (!total.success) throw new ProfileFormatError('the cProfile summary has no total time');
  const functions = rest.map((value) => {
    const row = Row.safeParse(value);
    if (!row.success) throw new ProfileFormatError('the cProfile summary has a row that does not parse');
    const [file, line, name, tottime, cumtime] = row.data;
    // Built-ins are `('~', 0, '<built-in method …>')`: no file of their own.
    const builtIn = file === '~' && line === 0;
    return {
      name: forMarkdownInline(name),
      location: builtIn ? '' : relativeLocation(file, line, root),
      selfMs: tottime * 1000,
      totalMs: cumtime * 1000,
    };
  });
  return { tool: 'python -m cProfile', totalMs: total.data[1] * 1000, functions };
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new ProfileFormatError('the cProfile summary has a line that is not JSON');
  }
}
