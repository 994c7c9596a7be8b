/**
 * What a scripted model says: the test decides each turn of each conversation, from what the agent CLI sent so
 * far (the role Perfbot's prompt names, the tool results the CLI sent back). Wire formats are elsewhere
 * (fake-model-server-anthropic.ts, fake-model-server-openai.ts); this is the model's side only.
 */

/** The Perfbot role a conversation plays, read from the prompt's first line (`# Role: performance optimizer`). */
export type ModelRole = 'analyzer' | 'optimizer' | 'reviewer';

/** One tool call the model makes; `id` is filled in by the server when omitted. */
export interface ModelToolCall {
  name: string;
  input: Record<string, unknown>;
  id?: string;
}

/** What the CLI sent back for one earlier tool call. */
export interface ModelToolResult {
  call: ModelToolCall & { id: string };
  /** The result text, as the model would read it. */
  content: string;
  isError: boolean;
}

/** Tokens a turn reports; the CLI prices them itself (its own cost figure). */
export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One turn of the model: tool calls (the CLI runs them and comes back), or the final answer. */
export type ModelTurn =
  | { kind: 'tools'; calls: ModelToolCall[]; text?: string; usage?: ModelUsage }
  | { kind: 'answer'; text: string; usage?: ModelUsage };

/** The conversation so far, as the model sees it in the request. */
export interface ModelConversation {
  role: ModelRole | undefined;
  /** The reviewer's name (`code`, `security`…) for a reviewer. */
  reviewer: string | undefined;
  /** Every text block of the first user message, joined: Perfbot's prompt and what the CLI adds. */
  prompt: string;
  /** How many assistant turns the conversation already holds. */
  turn: number;
  /** The results of every earlier tool call, in order. */
  toolResults: ModelToolResult[];
}

/** A role's script: the turns in order, or a function of the conversation (a runaway loop, a reaction). */
export type ModelScript = readonly ModelTurn[] | ((conversation: ModelConversation) => ModelTurn);

export type ModelScripts = Partial<Record<ModelRole, ModelScript>>;

/** The usage a turn reports when its script gives none. */
export const DEFAULT_USAGE: ModelUsage = { inputTokens: 100, outputTokens: 20 };

/** A tool-call turn. */
export function toolTurn(...calls: ModelToolCall[]): ModelTurn {
  return { kind: 'tools', calls };
}

/** The final answer: a sentence and Perfbot's JSON result in a fenced block, as the prompt asks. */
export function answerTurn(result: unknown, usage?: ModelUsage): ModelTurn {
  const text = `Done.\n\n\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\`\n`;
  return usage === undefined ? { kind: 'answer', text } : { kind: 'answer', text, usage };
}

/**
 * The agent's working directory, as the CLI tells the model (Claude Code: `Primary working directory: /…`;
 * Codex: `<cwd>/…</cwd>`): where a scripted model points its tools.
 */
export function workingDirectoryOf(conversation: ModelConversation): string {
  const match = /Primary working directory: (\S+)|<cwd>([^<]+)<\/cwd>/.exec(conversation.prompt);
  const dir = match?.[1] ?? match?.[2];
  if (dir === undefined) throw new Error('the CLI did not tell the model its working directory');
  return dir;
}

/** The role and reviewer Perfbot's prompt names. */
export function recogniseRole(prompt: string): { role: ModelRole | undefined; reviewer: string | undefined } {
  const match = /^# Role: (?:performance (analyzer|optimizer)|(\w+) reviewer)$/m.exec(prompt);
  if (match === null) return { role: undefined, reviewer: undefined };
  if (match[1] !== undefined) return { role: match[1] as ModelRole, reviewer: undefined };
  return { role: 'reviewer', reviewer: match[2] };
}

/**
 * The next turn for a conversation, or why there is none (no script for the role, the script ran out or threw):
 * the server answers that with an error the test sees.
 */
export function nextTurn(scripts: ModelScripts, conversation: ModelConversation): ModelTurn | { problem: string } {
  if (conversation.role === undefined) return { problem: 'the request names no Perfbot role' };
  const script = scripts[conversation.role];
  if (script === undefined) return { problem: `no script for the ${conversation.role}` };
  if (typeof script === 'function') {
    // A script that throws is a problem the test sees, not an exception that escapes the server.
    try {
      return script(conversation);
    } catch (error) {
      return {
        problem: `the ${conversation.role}'s script failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const turn = script[conversation.turn];
  return (
    turn ?? {
      problem: `the ${conversation.role}'s script has ${script.length} turns; turn ${conversation.turn + 1} was asked`,
    }
  );
}
