import { PerfbotError } from '../../domain/errors.ts';

/**
 * A profiler's output could not be read: not the format it should be, inconsistent, or too large. The profile
 * is then left out of the analysis (the prompt says why); the run goes on.
 */
export class ProfileFormatError extends PerfbotError {
  readonly userError = true;
}
