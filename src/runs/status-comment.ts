import type { GitHubClient, PostedComment, RepoRef } from '../github/github-client.ts';
import {
  renderStatusComment,
  statusCommentMarker,
  type StatusCommentInput,
} from '../reports/status-comment/render-status-comment.ts';
import { describeRunFailure } from '../reports/failure/describe-run-failure.ts';
import type { RunFailure } from '../reports/failure/run-failure.ts';
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

  /** The phase in progress, if any. */
  running(): RunPhaseStatus | undefined {
    return this.phases.find((phase) => phase.state === 'running');
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
    const running = this.running();
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

export interface StatusCommentOptions {
  kind: RunKind;
  github: GitHubClient;
  repo: RepoRef;
  /** The PR or issue the run reports on. */
  issue: number;
  jobId: string;
  headSha: string;
  actor: string;
  /** What the title names as the base until the caller knows better (the PR's base). */
  baseLabel: string;
  now: () => number;
  /** Applied to every body before it is posted. */
  redact: (text: string) => string;
  /** Least time between two progress edits within a phase; default 15 s. */
  progressEveryMs?: number;
  /** Publishes the running phase for `/perf status` (the job's progress). */
  reportPhase?: (phase: string, detail?: string) => void;
}

/** What the last edit shows beyond the checklist. */
export type StatusEnd = Pick<StatusCommentInput, 'outcome' | 'finalReport' | 'note' | 'previousAcknowledgement'>;

/** A run's one status comment (`run-<jobId>`), edited as its checklist moves. */
export interface StatusComment {
  readonly tracker: PhaseTracker;
  /** What the title says head is compared with, or starts from. */
  baseLabel: string;
  /** The run's `perf` check run, linked from the footer once it exists. */
  checkRunUrl: string | undefined;
  /** The comment's web address once posted. */
  readonly url: string | undefined;
  /** Edits the comment now (the first edit creates it). */
  post(): Promise<PostedComment>;
  /** A phase changed: edit soon (at most one edit in flight, one more remembered). */
  show(): void;
  /** Progress within the running phase: published at once, edited in at most every `progressEveryMs`. */
  progress(): void;
  /** The last edit: waits for the edit in flight, so no progress edit can overwrite it, and ends progress edits. */
  end(end: StatusEnd): Promise<{ posted: PostedComment; input: StatusCommentInput }>;
  /** The run failed: the running phase fails, the comment says why; returns the failure for the check run. */
  fail(error: unknown): Promise<RunFailure>;
  /** The run was cancelled (`by` whom, when known). */
  cancelled(by?: string): Promise<void>;
  /** The PR's head is no longer the commit the run was pinned to. */
  headMoved(current: string): Promise<void>;
}

/** Creates the writer of a run's status comment; nothing is posted until `post`, `show` or `end`. */
export function createStatusComment(options: StatusCommentOptions): StatusComment {
  const { github, repo, now } = options;
  const tracker = new PhaseTracker(options.kind, now);
  let commentId: number | undefined;
  let url: string | undefined;
  let lastEdit = 0;
  let inFlight: Promise<unknown> | undefined;
  let again = false;
  let ended = false;

  const reportRunning = () => {
    const running = tracker.running();
    if (running) options.reportPhase?.(running.name, running.detail);
  };

  const write = async (end: StatusEnd = {}) => {
    reportRunning();
    const input: StatusCommentInput = {
      kind: options.kind,
      phases: tracker.phases,
      now: now(),
      headSha: options.headSha,
      baseLabel: self.baseLabel,
      ...(self.checkRunUrl ? { links: { checkRun: self.checkRunUrl } } : {}),
      actor: options.actor,
      runId: options.jobId,
      ...end,
    };
    const body = options.redact(renderStatusComment(input));
    const posted = await github.upsertComment(repo, options.issue, statusCommentMarker(options.jobId), body, commentId);
    commentId = posted.id;
    url = posted.url;
    lastEdit = now();
    return { posted, input };
  };

  const show = (): void => {
    reportRunning();
    if (ended) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = write()
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
        if (again) {
          again = false;
          show();
        }
      });
  };

  const end = async (last: StatusEnd) => {
    ended = true;
    while (inFlight) await inFlight;
    return write(last);
  };

  const self: StatusComment = {
    tracker,
    baseLabel: options.baseLabel,
    checkRunUrl: undefined,
    get url() {
      return url;
    },
    post: async () => (await write()).posted,
    show,
    progress() {
      reportRunning();
      if (now() - lastEdit >= (options.progressEveryMs ?? 15_000)) show();
    },
    end,
    async fail(error) {
      tracker.end('failed');
      const failure = runFailureOf(error, options.redact);
      await end({ outcome: { type: 'failed', failure } });
      return failure;
    },
    async cancelled(by) {
      tracker.end('cancelled');
      await end({ outcome: by === undefined ? { type: 'cancelled' } : { type: 'cancelled', by } });
    },
    async headMoved(current) {
      tracker.end('cancelled');
      await end({ outcome: { type: 'head-moved', pinned: options.headSha, current } });
    },
  };
  return self;
}

/** The failure in words, its output tail redacted (it goes to the check run too). */
function runFailureOf(error: unknown, redact: (text: string) => string): RunFailure {
  const failure = describeRunFailure(error);
  return failure.outputTail === undefined ? failure : { ...failure, outputTail: redact(failure.outputTail) };
}
