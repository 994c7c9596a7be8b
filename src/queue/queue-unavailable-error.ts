import { PerfbotError } from '../domain/errors.ts';

/** Redis did not take a job in time; the webhook handler answers 503 so GitHub records a failed delivery. */
export class QueueUnavailableError extends PerfbotError {
  readonly userError = false;
}
