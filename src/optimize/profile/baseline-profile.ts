import { z } from 'zod';

/** The run-files data name of the profile BENCHMARK took, which ANALYZE reads. */
export const PROFILE_DATA = 'profile.json';
/** The artifact: `bots/profile.txt`. */
export const PROFILE_ARTIFACT = 'profile.txt';

/**
 * The profile of the starting commit as kept for ANALYZE: the rendered summary, or one line saying why there is
 * none (no profiler for the runtime, or the profiler failed). The same shape as the analyzer prompt's `profile`.
 */
export const BaselineProfile = z.discriminatedUnion('status', [
  z.object({ status: z.literal('taken'), text: z.string() }),
  z.object({ status: z.literal('missing'), reason: z.string() }),
]);
export type BaselineProfile = z.infer<typeof BaselineProfile>;
