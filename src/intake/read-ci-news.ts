import { z } from 'zod';
import type { CiNews } from '../optimize/github/create-redis-ci-news.ts';

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
