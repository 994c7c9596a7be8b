/**
 * A scripted model provider on 127.0.0.1 for the real agent CLIs: the Anthropic Messages API (Claude Code,
 * streaming and not, and `count_tokens`) and the OpenAI Responses API (Codex). Every request is recorded with
 * its raw body, so a test can check what the agent sent out; a path it does not serve is answered 404 and
 * listed in `unexpected`, and a turn the script has no answer for is answered 400 and listed in `problems`:
 * a test passes only when both stay empty.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  anthropicError,
  anthropicMessage,
  anthropicStream,
  readAnthropicConversation,
} from './fake-model-server-anthropic.ts';
import { openAiResponseStream, readOpenAiConversation } from './fake-model-server-openai.ts';
import {
  nextTurn,
  type ModelConversation,
  type ModelRole,
  type ModelScripts,
  type ModelTurn,
} from './fake-model-server-script.ts';

/** One request the server received. */
export interface ModelRequest {
  method: string;
  /** Path without the query (`/v1/messages`). */
  path: string;
  headers: Record<string, string>;
  /** The body exactly as sent. */
  raw: string;
  /** The parsed JSON body (`undefined` when not JSON). */
  body: unknown;
  /** For a model turn: the conversation it carried. */
  conversation?: ModelConversation;
  /** For a model turn: what the script answered (with its usage, which the CLI prices). */
  answer?: ModelTurn;
}

export interface FakeModelServer {
  /** `http://127.0.0.1:PORT`: `ANTHROPIC_BASE_URL`; Codex's provider `base_url` is `${url}/v1`. */
  url: string;
  requests: ModelRequest[];
  /** Requests on a path the server does not serve. */
  unexpected: ModelRequest[];
  /** Model turns the script could not answer, with why. */
  problems: string[];
  /** The model turns of one role (a reviewer's: optionally of one reviewer), in arrival order. */
  turnsOf(role: ModelRole, reviewer?: string): ModelRequest[];
  /** Throws, naming them, when any request was unexpected or any turn unanswered. */
  assertNoSurprises(): void;
  close(): Promise<void>;
}

export async function startFakeModelServer(scripts: ModelScripts): Promise<FakeModelServer> {
  const requests: ModelRequest[] = [];
  const unexpected: ModelRequest[] = [];
  const problems: string[] = [];
  let ids = 0;
  const nextId = () => `fake${String(++ids).padStart(6, '0')}`;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const request: ModelRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        headers,
        raw,
        body: parseJson(raw),
      };
      requests.push(request);
      answer(request, res);
    });
  });

  function answer(request: ModelRequest, res: ServerResponse): void {
    const body = (request.body ?? {}) as { model?: string; stream?: boolean; messages?: never[]; input?: never[] };
    const route = `${request.method} ${request.path}`;
    if (route === 'POST /v1/messages/count_tokens')
      return sendJson(res, 200, { input_tokens: Math.ceil(request.raw.length / 4) });
    if (route === 'POST /v1/messages') {
      const conversation = (request.conversation = readAnthropicConversation(body));
      const turn = nextTurn(scripts, conversation);
      if ('problem' in turn) return refuse(res, turn.problem, anthropicError(turn.problem));
      request.answer = turn;
      const model = body.model ?? 'claude-sonnet-4-5';
      if (body.stream !== true) return sendJson(res, 200, anthropicMessage(turn, model, nextId));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(anthropicStream(turn, model, nextId));
      return;
    }
    if (route === 'POST /v1/responses') {
      const conversation = (request.conversation = readOpenAiConversation(body));
      const turn = nextTurn(scripts, conversation);
      if ('problem' in turn)
        return refuse(res, turn.problem, { error: { message: turn.problem, type: 'invalid_request_error' } });
      request.answer = turn;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(openAiResponseStream(turn, body.model ?? 'gpt-5', nextId));
      return;
    }
    unexpected.push(request);
    sendJson(res, 404, { error: { message: `the fake model server does not serve ${route}` } });
  }

  function refuse(res: ServerResponse, problem: string, body: unknown): void {
    problems.push(problem);
    sendJson(res, 400, body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    unexpected,
    problems,
    turnsOf: (role, reviewer) =>
      requests.filter(
        (r) => r.conversation?.role === role && (reviewer === undefined || r.conversation.reviewer === reviewer),
      ),
    assertNoSurprises() {
      const lines = [
        ...unexpected.map((r) => `unexpected ${r.method} ${r.path}`),
        ...problems.map((p) => `unanswered: ${p}`),
      ];
      if (lines.length > 0) throw new Error(`the fake model server saw surprises:\n  ${lines.join('\n  ')}`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function parseJson(raw: string): unknown {
  try {
    return raw === '' ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
