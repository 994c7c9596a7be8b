/**
 * The terminal a `perfbot` command talks to, passed to every command by `main` so tests can capture what it
 * prints and abort it without a real process.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  isTty: boolean;
  /** Aborted on Ctrl-C / SIGTERM: running benchmarks are killed and worktrees removed before exiting. */
  signal?: AbortSignal;
}

/** The real terminal, with `signal` aborted by SIGINT or SIGTERM. */
export function createProcessIo(): CliIo {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => controller.abort(name));
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stderr.isTTY),
    signal: controller.signal,
  };
}
