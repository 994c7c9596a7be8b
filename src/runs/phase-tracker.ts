import { pendingRunPhases, type RunKind, type RunPhaseStatus } from '../reports/run-phases.ts';

/** Tracks a run's checklist (pure data + a clock); the status comment is rendered from `phases`. */
export class PhaseTracker {
  readonly phases: RunPhaseStatus[];

  constructor(
    kind: RunKind,
    private readonly now: () => number,
  ) {
    this.phases = pendingRunPhases(kind);
  }

  /** Marks `name` running, and every earlier unfinished phase done. */
  start(name: string, detail?: string): void {
    const index = this.phases.findIndex((p) => p.name === name);
    const at = this.now();
    this.phases.forEach((phase, i) => {
      if (i < index && (phase.state === 'running' || phase.state === 'pending')) {
        phase.state = phase.state === 'pending' ? 'skipped' : 'done';
        phase.endedAt ??= at;
      }
    });
    const phase = this.phases[index];
    if (!phase) return;
    phase.state = 'running';
    phase.startedAt ??= at;
    phase.detail = detail;
  }

  detail(detail: string): void {
    const running = this.phases.find((p) => p.state === 'running');
    if (running) running.detail = detail;
  }

  /** Ends the running phase (and the run): done, failed or cancelled; later phases stay pending. */
  end(state: 'done' | 'failed' | 'cancelled'): void {
    const at = this.now();
    for (const phase of this.phases) {
      if (phase.state === 'running') {
        phase.state = state;
        phase.endedAt = at;
      }
    }
  }

  /** The run completed: the running phase is done; phases that never ran are skipped. */
  complete(): void {
    const at = this.now();
    for (const phase of this.phases) {
      if (phase.state === 'running') {
        phase.state = 'done';
        phase.endedAt = at;
      } else if (phase.state === 'pending') {
        phase.state = 'skipped';
      }
    }
  }
}
