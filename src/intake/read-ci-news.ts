import { z } from 'zod';

/** A `check_suite`/`check_run` delivery reduced to what a waiting MONITOR needs: which commit, and how it ended. */
export interface CiNews {
  repoId: number;
  sha: string;
  /** The suite's (or run's) conclusion; `null` when GitHub sent none. */
  conclusion: string | null;
}

const Completed = z.object({
  head_sha: z.string().regex(/^[0-9a-f]{40}$/),
  conclusion: z.string().nullable().optional(),
});
const CiPayload = z.object({
  repository: z.object({ id: z.number().int().positive() }),
  check_suite: Completed.optional(),
  check_run: Completed.optional(),
});

/**
 * The CI news in a `check_suite` or `check_run` delivery: repository, commit and conclusion; null for any other
 * event or a payload without them.
 */
export function readCiNews(name: string, payload: unknown): CiNews | null {
  if (name !== 'check_suite' && name !== 'check_run') return null;
  const parsed = CiPayload.safeParse(payload);
  if (!parsed.success) return null;
  const completed = name === 'check_suite' ? parsed.data.check_suite : parsed.data.check_run;
  if (completed === undefined) return null;
  return { repoId: parsed.data.repository.id, sha: completed.head_sha, conclusion: completed.conclusion ?? null };
}
