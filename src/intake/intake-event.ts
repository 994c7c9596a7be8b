import { z } from 'zod';

/**
 * A webhook delivery handed from the (thin) webhook handler to the intake worker. The payload is validated by
 * `toPerfTrigger` in the worker; the handler only checks it is an event Perfbot listens to.
 */
export const IntakeEvent = z.strictObject({
  deliveryId: z.string().min(1),
  /** `X-GitHub-Event`, e.g. `issue_comment`. */
  name: z.string().min(1),
  payload: z.unknown(),
  receivedAt: z.string(),
});
export type IntakeEvent = z.infer<typeof IntakeEvent>;
