/**
 * The OpenAI Responses API's wire format, as Codex speaks it (`wire_api = "responses"`, the only one Codex 0.171
 * accepts): the conversation read from a `POST /v1/responses` body (`input` items: messages, `function_call` /
 * `custom_tool_call` and their `_output`s), and a model turn written back as the SSE stream Codex reads
 * (`response.created`, `response.output_item.added`/`.done`, `response.output_text.delta`, `response.completed`).
 */
import {
  DEFAULT_USAGE,
  recogniseRole,
  type ModelConversation,
  type ModelToolCall,
  type ModelToolResult,
  type ModelTurn,
} from './fake-model-server-script.ts';

interface InputItem {
  type?: string;
  role?: string;
  content?: string | { type?: string; text?: string }[];
  call_id?: string;
  name?: string;
  arguments?: string;
  input?: string;
  output?: unknown;
}

const CALL_TYPES = new Set(['function_call', 'custom_tool_call', 'local_shell_call']);
const OUTPUT_TYPES = new Set(['function_call_output', 'custom_tool_call_output', 'local_shell_call_output']);

function textOf(content: InputItem['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('\n');
}

/** The conversation a Responses API request holds. */
export function readOpenAiConversation(body: { input?: InputItem[] }): ModelConversation {
  const items = body.input ?? [];
  const prompt = items
    .filter((item) => (item.type === undefined || item.type === 'message') && item.role === 'user')
    .map((item) => textOf(item.content))
    .join('\n');
  const calls = new Map<string, ModelToolCall & { id: string }>();
  const toolResults: ModelToolResult[] = [];
  let turn = 0;
  let previous: string | undefined;
  for (const item of items) {
    const type = item.type ?? 'message';
    // One model turn is an assistant message, or a run of tool calls the model made together.
    if ((type === 'message' && item.role === 'assistant') || (CALL_TYPES.has(type) && !CALL_TYPES.has(previous ?? '')))
      turn++;
    previous = type;
    if (CALL_TYPES.has(type) && item.call_id !== undefined) {
      const input =
        item.arguments === undefined
          ? { input: item.input ?? '' }
          : (JSON.parse(item.arguments) as Record<string, unknown>);
      calls.set(item.call_id, { id: item.call_id, name: item.name ?? type, input });
    }
    if (OUTPUT_TYPES.has(type) && item.call_id !== undefined) {
      const call = calls.get(item.call_id) ?? { id: item.call_id, name: '?', input: {} };
      const content = typeof item.output === 'string' ? item.output : JSON.stringify(item.output);
      toolResults.push({ call, content, isError: false });
    }
  }
  return { ...recogniseRole(prompt), prompt, turn, toolResults };
}

/**
 * The output items of a turn. A call whose input has a string `input` and nothing else is a freeform (custom)
 * tool call, as Codex's `apply_patch` is; any other is a JSON function call (`shell`, `exec_command`).
 */
function itemsOf(turn: ModelTurn, nextId: () => string): Record<string, unknown>[] {
  const message = (text: string) => ({
    type: 'message',
    id: `msg_${nextId()}`,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  });
  const items: Record<string, unknown>[] = turn.text === undefined || turn.text === '' ? [] : [message(turn.text)];
  if (turn.kind === 'answer') return items;
  for (const call of turn.calls) {
    const callId = call.id ?? `call_${nextId()}`;
    const keys = Object.keys(call.input);
    if (keys.length === 1 && typeof call.input.input === 'string') {
      items.push({
        type: 'custom_tool_call',
        id: `ctc_${nextId()}`,
        status: 'completed',
        call_id: callId,
        name: call.name,
        input: call.input.input,
      });
    } else {
      items.push({
        type: 'function_call',
        id: `fc_${nextId()}`,
        status: 'completed',
        call_id: callId,
        name: call.name,
        arguments: JSON.stringify(call.input),
      });
    }
  }
  return items;
}

/** The SSE events of one streamed response. */
export function openAiResponseStream(turn: ModelTurn, model: string, nextId: () => string): string {
  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const id = `resp_${nextId()}`;
  const items = itemsOf(turn, nextId);
  const { inputTokens: input, outputTokens: output } = turn.usage ?? DEFAULT_USAGE;
  const usage = {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + output,
  };
  const response = { id, object: 'response', model, status: 'in_progress', output: [] as unknown[] };
  const parts = [event('response.created', { response })];
  items.forEach((item, index) => {
    parts.push(event('response.output_item.added', { output_index: index, item }));
    if (item.type === 'message') {
      const text = ((item.content as { text: string }[])[0] ?? { text: '' }).text;
      parts.push(
        event('response.output_text.delta', { item_id: item.id, output_index: index, content_index: 0, delta: text }),
      );
    }
    parts.push(event('response.output_item.done', { output_index: index, item }));
  });
  parts.push(event('response.completed', { response: { ...response, status: 'completed', output: items, usage } }));
  return parts.join('');
}
