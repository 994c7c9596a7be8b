import { cp, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProcessResult } from '../benchmark/runner/run-process.ts';
import { describeLimitExceeded, type RunUntrusted, type SandboxNetwork } from '../sandbox/sandbox.ts';
import { createRedactor } from '../domain/redact.ts';
import type { AgentRequest, AgentResult, AgentRole } from './agent.ts';
import type { AgentFiles, AgentInvocation, AgentReply, ResultDelivery } from './agent-invocation.ts';
import { appendPromptNotes } from './append-prompt-notes.ts';
import { agentInstallationPaths } from './agent-installation-paths.ts';
import { agentSecretValues, buildAgentEnv } from './build-agent-env.ts';
import { describeDuration } from './describe-duration.ts';
import { parseAgentOutput } from './parse-agent-output.ts';
import { readOutputFile } from './read-output-file.ts';

export interface RunAgentProcessOptions<R extends AgentRole> {
  request: AgentRequest<R>;
  /** Builds the tool's argv (and result reader) for the run's files. */
  invocation: (files: AgentFiles) => AgentInvocation;
  delivery: ResultDelivery;
  /** Where the agent's keys are read from (the operator's environment), and which of them it gets. */
  sourceEnv: Readonly<Record<string, string | undefined>>;
  keyNames: readonly string[];
  /** For both attempts together. */
  timeoutMs: number;
  /** Checked against the cost the tool reports, summed over attempts. */
  maxCostUsd?: number;
  /** SIGTERM → SIGKILL grace when the tree is killed; default 5 s, so a tool can save its session. */
  killGraceMs?: number;
  /** Where the agent runs: writable are only its worktree and its private folder with the prompt and output. */
  sandbox: RunUntrusted;
  network: SandboxNetwork;
  /** Extra read-only and writable paths from the operator config. */
  readOnly: readonly string[];
  writable: readonly string[];
  /** The operator's folder copied into the agent's private home before each attempt. */
  home?: string;
}

/** A missing or invalid result is retried once, with the problem appended to the prompt. */
const MAX_ATTEMPTS = 2;

/**
 * Runs an agent tool by the Perfbot agent protocol (every adapter goes through here):
 * - cwd is the worktree; the prompt goes to stdin and to `PERFBOT_PROMPT_FILE`, in a private temporary folder
 *   outside the worktree; `PERFBOT_ROLE`, `PERFBOT_REVIEWER` and `PERFBOT_OUTPUT_FILE` are set; the rest of the
 *   environment is the allow-list plus this agent's keys (`buildAgentEnv`);
 * - the result is read from `PERFBOT_OUTPUT_FILE`, or by the adapter from the tool's output, and validated for
 *   the role; a missing or invalid result (or a non-zero exit) is retried once with the problem appended;
 * - a timeout, an abort, a tool that cannot start or a run over budget ends the run at once;
 * - the transcript (stdout and stderr of each attempt) and every error are redacted of the agent's keys.
 * Never throws for the agent's failures; returns `{ ok: false, error }`.
 */
export async function runAgentProcess<R extends AgentRole>(
  options: RunAgentProcessOptions<R>,
): Promise<AgentResult<R>> {
  const { request } = options;
  if (request.role === 'reviewer' && request.reviewer === undefined) {
    throw new Error('runAgentProcess: a reviewer request needs `reviewer`');
  }
  const redact = createRedactor(agentSecretValues(options.sourceEnv, options.keyNames));
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const transcript: string[] = [];
  let costUsd: number | undefined;
  let attempts = 0;
  const finish = (result: { ok: true; output: unknown } | { ok: false; error: string }): AgentResult<R> => {
    const common = { attempts, durationMs: Date.now() - started, transcript: redact(transcript.join('\n')) };
    const cost = costUsd === undefined ? {} : { costUsd };
    if (result.ok) return { ok: true, output: result.output as never, ...common, ...cost };
    return { ok: false, error: redact(result.error), ...common, ...cost };
  };

  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'perfbot-agent-'));
  try {
    const files: AgentFiles = {
      promptFile: path.join(scratchDir, 'prompt.md'),
      outputFile: path.join(scratchDir, 'output.json'),
      scratchDir,
    };
    if (await isInside(scratchDir, request.cwd)) {
      const error = `the temporary folder ${scratchDir} is inside the worktree; set TMPDIR elsewhere`;
      return finish({ ok: false, error });
    }
    const env = buildAgentEnv(options.sourceEnv, options.keyNames, {
      PERFBOT_ROLE: request.role,
      PERFBOT_REVIEWER: request.reviewer,
      PERFBOT_PROMPT_FILE: files.promptFile,
      PERFBOT_OUTPUT_FILE: files.outputFile,
    });
    let previousError: string | undefined;
    while (attempts < MAX_ATTEMPTS) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0)
        return finish({ ok: false, error: `timed out after ${describeDuration(options.timeoutMs)}` });
      attempts++;
      const prompt = appendPromptNotes(request.prompt, options.delivery, files.outputFile, previousError);
      await rm(files.outputFile, { force: true });
      await writeFile(files.promptFile, prompt, { mode: 0o600 });
      const invocation = options.invocation(files);
      // A fresh copy of the operator's home files for every attempt: nothing the agent wrote there persists.
      const home = path.join(scratchDir, 'home');
      await rm(home, { recursive: true, force: true });
      if (options.home === undefined) await mkdir(home, { mode: 0o700 });
      else await cp(options.home, home, { recursive: true, verbatimSymlinks: true });
      const run = await options.sandbox({
        command: invocation.argv,
        cwd: request.cwd,
        env,
        timeoutMs: remainingMs,
        signal: request.signal,
        stdin: prompt,
        killGraceMs: options.killGraceMs ?? 5000,
        writable: [request.cwd, scratchDir, ...options.writable],
        readOnly: [...agentInstallationPaths(invocation.argv, env.PATH), ...options.readOnly],
        network: options.network,
        home,
        ...(invocation.nestedSandbox === true ? { nestedSandbox: true } : {}),
      });
      transcript.push(renderAttempt(attempts, run));
      if (run.aborted) return finish({ ok: false, error: 'cancelled' });
      if (run.limitExceeded) return finish({ ok: false, error: describeLimitExceeded('the agent', run.limitExceeded) });
      if (run.timedOut) return finish({ ok: false, error: `timed out after ${describeDuration(options.timeoutMs)}` });
      if (run.exitCode === 127 && run.wallNs === 0)
        return finish({ ok: false, error: `could not start: ${run.stderr}` });

      const reply: AgentReply = invocation.readReply
        ? await invocation.readReply({ stdout: run.stdout, stderr: run.stderr, files })
        : await readOutputFile(files.outputFile);
      if (reply.costUsd !== undefined) costUsd = (costUsd ?? 0) + reply.costUsd;
      // The tool's own account of a cap it stopped at says more than its exit code or our budget check.
      if (reply.final === true && reply.error !== undefined) return finish({ ok: false, error: reply.error });
      if (options.maxCostUsd !== undefined && costUsd !== undefined && costUsd > options.maxCostUsd) {
        const error = `spent $${costUsd.toFixed(2)}, over its budget of $${options.maxCostUsd.toFixed(2)}`;
        return finish({ ok: false, error });
      }
      const error = attemptError(run, reply);
      if (error === undefined && reply.jsonText !== undefined) {
        const parsed = parseAgentOutput(request.role, reply.jsonText);
        if (parsed.ok) return finish({ ok: true, output: parsed.output });
        previousError = parsed.error;
      } else {
        previousError = error ?? 'no result';
      }
    }
    return finish({ ok: false, error: `no valid result after ${MAX_ATTEMPTS} attempts: ${previousError}` });
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

function attemptError(run: ProcessResult, reply: AgentReply): string | undefined {
  if (run.exitCode !== 0) {
    const how = run.exitCode === null ? `was killed (${run.signal ?? 'signal'})` : `exited with code ${run.exitCode}`;
    return reply.error === undefined ? `the agent ${how}` : `the agent ${how}; ${reply.error}`;
  }
  return reply.error;
}

function renderAttempt(attempt: number, run: ProcessResult): string {
  const status = run.exitCode === null ? `killed by ${run.signal ?? 'a signal'}` : `exit code ${run.exitCode}`;
  const cut = run.outputTruncated ? ', output cut' : '';
  return [
    `=== attempt ${attempt} (${status}, ${describeDuration(run.wallNs / 1e6)}${cut}) ===`,
    '--- stdout ---',
    run.stdout.trimEnd(),
    '--- stderr ---',
    run.stderr.trimEnd(),
  ].join('\n');
}

/** Whether `dir` is `root` or inside it, comparing real paths (a symlinked TMPDIR must not hide it). */
async function isInside(dir: string, root: string): Promise<boolean> {
  const [realDir, realRoot] = await Promise.all([realpath(dir), realpath(root).catch(() => path.resolve(root))]);
  const relative = path.relative(realRoot, realDir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
