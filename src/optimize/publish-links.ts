import { z } from 'zod';

/** The run-files name of the links the publisher returned, for the final report. */
export const LINKS_FILE = 'links.json';

/** Links to the commit and pull request, or to the patch comment (a fork's PR), built by the publisher (trusted). */
export const PublishLinks = z.strictObject({
  commit: z.string().optional(),
  pullRequest: z.string().optional(),
  patch: z.string().optional(),
});
export type PublishLinks = z.infer<typeof PublishLinks>;
