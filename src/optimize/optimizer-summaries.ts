import { z } from 'zod';
import type { IterationSummary } from './iteration-records.ts';
import type { RunFiles } from './run-files.ts';

const FILE = 'summaries.json';
const Summaries = z.array(z.object({ iteration: z.int().min(1), summary: z.string() }));

/** The optimizer's summaries so far, oldest first. */
export async function readOptimizerSummaries(files: RunFiles): Promise<IterationSummary[]> {
  return (await files.readData(FILE, Summaries)) ?? [];
}

/** Records (or, when the phase is repeated, replaces) the summary of one iteration. */
export async function recordOptimizerSummary(files: RunFiles, entry: IterationSummary): Promise<void> {
  const others = (await readOptimizerSummaries(files)).filter((summary) => summary.iteration !== entry.iteration);
  await files.writeData(
    FILE,
    [...others, entry].sort((a, b) => a.iteration - b.iteration),
  );
}
