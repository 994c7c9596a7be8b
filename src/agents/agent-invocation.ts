/** Files of one agent run, in a private temporary folder outside the worktree. */
export interface AgentFiles {
  /** Holds the prompt (the same text as on stdin); `PERFBOT_PROMPT_FILE`. */
  promptFile: string;
  /** Where a protocol-following agent writes its JSON result; `PERFBOT_OUTPUT_FILE`. */
  outputFile: string;
  /** The run's temporary folder, for adapter-specific files (history, last message). */
  scratchDir: string;
}

/** What one attempt printed, for adapters that read the result from the tool's own output. */
export interface FinishedAttempt {
  stdout: string;
  stderr: string;
  files: AgentFiles;
}

/** The result text an adapter found, or why there is none; the cost when the tool reports one. */
export interface AgentReply {
  jsonText?: string;
  costUsd?: number;
  /** Why there is no result (e.g. the tool reported an error); appended to the retry prompt. */
  error?: string;
  /**
   * The tool stopped at one of its own caps (turns, budget): the run fails with `error` at once, since a retry
   * would only spend the same again.
   */
  final?: boolean;
}

/**
 * How the agent is told to deliver its result (appended to the prompt):
 * - `output-file`: it writes the JSON to `PERFBOT_OUTPUT_FILE` (scripted agents, plain commands);
 * - `final-message`: it ends its reply with the JSON in a fenced block, which the adapter extracts from the
 *   tool's output (coding agents may only write inside the worktree).
 */
export type ResultDelivery = 'output-file' | 'final-message';

/** How an adapter runs its tool: the argv (never through a shell) and where the result is found. */
export interface AgentInvocation {
  argv: readonly string[];
  /** Omitted: the result is read from `PERFBOT_OUTPUT_FILE`. */
  readReply?: (attempt: FinishedAttempt) => Promise<AgentReply>;
  /** The tool sandboxes the commands it runs itself and needs user namespaces for it (Codex). */
  nestedSandbox?: boolean;
}
