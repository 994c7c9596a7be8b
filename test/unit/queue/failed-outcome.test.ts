import { describe, expect, it } from 'vitest';
import { failedOutcome } from '../../../src/queue/observe-run-jobs.ts';

describe('failedOutcome', () => {
  const job = (attemptsMade: number, attempts?: number) => ({
    attemptsMade,
    opts: attempts === undefined ? {} : { attempts },
  });
  it.each([
    ['a cancel', job(1, 3), 'cancelled: by @octocat', 'cancelled'],
    ['a job given up on after lost locks', job(2, 3), 'job stalled more than allowable limit', 'abandoned'],
    ['a job started too often', job(2, 3), 'job started more than allowable limit', 'abandoned'],
    ['an error with attempts left', job(1, 3), 'Redis went away', 'retrying'],
    ['an error on the last attempt', job(3, 3), 'Redis went away', 'failed'],
    ['an error of a job with one attempt', job(1), 'boom', 'failed'],
  ])('%s', (_, j, message, outcome) => {
    expect(failedOutcome(j, new Error(message))).toBe(outcome);
  });
});
