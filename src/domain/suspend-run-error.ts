/**
 * Thrown by a phase that has to wait for the outside world (MONITOR waiting for CI): instead of waiting inside
 * the job, the run saves its checkpoint as it is and ends this activation. The run worker then parks the job
 * (delayed until `resumeAt`, holding no worker or repository slot) and records `waitKey`, so the event the run
 * waits for (a `check_suite` webhook) can promote it at once; `resumeAt` is the polling fallback.
 */
export class SuspendRunError extends Error {
  /**
   * @param resumeAt When to look again at the latest (epoch ms).
   * @param waitKey What the run waits for, e.g. `ci:<sha>` (see `ciWaitKey`); news about it wakes the run early.
   */
  constructor(
    readonly resumeAt: number,
    readonly waitKey?: string,
  ) {
    super(
      `suspended until ${new Date(resumeAt).toISOString()}${waitKey === undefined ? '' : ` or news about ${waitKey}`}`,
    );
    this.name = 'SuspendRunError';
  }
}
