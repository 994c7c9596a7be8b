import type { ProfiledFunction, ProfileSummary } from './profile-summary.ts';

/** Several profiles of one run (one per node process) as one: times of the same function and place added. */
export function mergeProfileSummaries(summaries: readonly ProfileSummary[]): ProfileSummary {
  const functions = new Map<string, ProfiledFunction>();
  for (const summary of summaries) {
    for (const entry of summary.functions) {
      const key = `${entry.name}\n${entry.location}`;
      const known = functions.get(key);
      functions.set(
        key,
        known === undefined
          ? { ...entry }
          : { ...known, selfMs: known.selfMs + entry.selfMs, totalMs: known.totalMs + entry.totalMs },
      );
    }
  }
  return {
    tool: summaries[0]?.tool ?? 'node --cpu-prof',
    totalMs: summaries.reduce((sum, summary) => sum + summary.totalMs, 0),
    functions: [...functions.values()],
  };
}
