/**
 * The Anthropic Messages API's wire format, as Claude Code speaks it: the conversation read from a
 * `POST /v1/messages` body, and a model turn written back as one JSON message or as the SSE stream
 * (`message_start`, `content_block_start`/`_delta`/`_stop` with `text_delta` or `input_json_delta`,
 * `message_delta` with the stop reason and usage, `message_stop`).
 */
import {
  DEFAULT_USAGE,
  recogniseRole,
  type ModelConversation,
  type ModelToolCall,
  type ModelToolResult,
  type ModelTurn,
} from './fake-model-server-script.ts';

interface ContentBlock {
  type?: string;
  text?: string;
  id?: string;
  name?: string;
  input?: Record<string, unknown>;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}

interface Message {
  role?: string;
  content?: string | ContentBlock[];
}

const blocksOf = (message: Message | undefined): ContentBlock[] =>
  typeof message?.content === 'string' ? [{ type: 'text', text: message.content }] : (message?.content ?? []);

/** The conversation a Messages API request holds. */
export function readAnthropicConversation(body: { messages?: Message[] }): ModelConversation {
  const messages = body.messages ?? [];
  const prompt = blocksOf(messages.find((message) => message.role === 'user'))
    .filter((block) => block.type === 'text')
    .map((block) => block.text ?? '')
    .join('\n');
  const calls = new Map<string, ModelToolCall & { id: string }>();
  const toolResults: ModelToolResult[] = [];
  let turn = 0;
  for (const message of messages) {
    if (message.role === 'assistant') turn++;
    for (const block of blocksOf(message)) {
      if (block.type === 'tool_use' && block.id !== undefined) {
        calls.set(block.id, { id: block.id, name: block.name ?? '', input: block.input ?? {} });
      }
      if (block.type === 'tool_result' && block.tool_use_id !== undefined) {
        const call = calls.get(block.tool_use_id) ?? { id: block.tool_use_id, name: '?', input: {} };
        toolResults.push({ call, content: resultText(block.content), isError: block.is_error === true });
      }
    }
  }
  return { ...recogniseRole(prompt), prompt, turn, toolResults };
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: ContentBlock) => (part.type === 'text' ? (part.text ?? '') : `[${part.type ?? '?'}]`))
    .join('\n');
}

/** The turn's content blocks, tool calls given ids. */
function contentOf(turn: ModelTurn, nextId: () => string): ContentBlock[] {
  const text = turn.text === undefined || turn.text === '' ? [] : [{ type: 'text', text: turn.text }];
  if (turn.kind === 'answer') return text;
  return [
    ...text,
    ...turn.calls.map((call) => ({ type: 'tool_use', id: call.id ?? nextId(), name: call.name, input: call.input })),
  ];
}

function usageOf(turn: ModelTurn) {
  const usage = turn.usage ?? DEFAULT_USAGE;
  return { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens };
}

function messageOf(turn: ModelTurn, model: string, id: string, content: ContentBlock[]) {
  const stopReason = turn.kind === 'tools' ? 'tool_use' : 'end_turn';
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: usageOf(turn),
  };
}

/** A non-streaming answer. */
export function anthropicMessage(turn: ModelTurn, model: string, nextId: () => string): unknown {
  return messageOf(turn, model, `msg_${nextId()}`, contentOf(turn, nextId));
}

/** The SSE events of a streaming answer, as one string. */
export function anthropicStream(turn: ModelTurn, model: string, nextId: () => string): string {
  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const content = contentOf(turn, nextId);
  const message = messageOf(turn, model, `msg_${nextId()}`, []);
  const usage = usageOf(turn);
  const parts = [
    event('message_start', { message: { ...message, stop_reason: null, usage: { ...usage, output_tokens: 1 } } }),
  ];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      parts.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      parts.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: block.text } }));
    } else {
      parts.push(event('content_block_start', { index, content_block: { ...block, input: {} } }));
      parts.push(
        event('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
        }),
      );
    }
    parts.push(event('content_block_stop', { index }));
  });
  const stop = turn.kind === 'tools' ? 'tool_use' : 'end_turn';
  parts.push(
    event('message_delta', {
      delta: { stop_reason: stop, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
  );
  parts.push(event('message_stop', {}));
  return parts.join('');
}

/** An API error body, as the API sends it (the CLI shows `message`). */
export function anthropicError(message: string): unknown {
  return { type: 'error', error: { type: 'invalid_request_error', message } };
}
