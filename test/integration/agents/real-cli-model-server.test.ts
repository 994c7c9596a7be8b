/**
 * The scripted model server the real-CLI tests run against: the answers it gives besides the streamed turns the
 * CLIs use, and its loud failures (a path it does not serve, a turn the script has no answer for).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../../fakes/fake-model-server.ts';
import { answerTurn, toolTurn } from '../../fakes/fake-model-server-script.ts';

let server: FakeModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (path: string, body: unknown) =>
  fetch(`${server?.url ?? ''}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const analyzerMessages = (extra: unknown[] = []) => [
  { role: 'user', content: [{ type: 'text', text: '# Role: performance analyzer\n\nGo.' }] },
  ...extra,
];

describe('the scripted model server', () => {
  it('answers a non-streaming Messages request with the scripted turn, and count_tokens', async () => {
    server = await startFakeModelServer({
      analyzer: [
        toolTurn({ name: 'Read', input: { file_path: '/w/a.js' }, id: 'toolu_1' }),
        answerTurn({ summary: 's', bottlenecks: [] }),
      ],
    });
    const first = await (
      await post('/v1/messages', { model: 'claude-sonnet-4-5', messages: analyzerMessages() })
    ).json();
    expect(first).toMatchObject({
      role: 'assistant',
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/w/a.js' } }],
    });
    const toolResult = {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'file text', is_error: false }],
    };
    const second = await (
      await post('/v1/messages', {
        model: 'claude-sonnet-4-5',
        messages: analyzerMessages([{ role: 'assistant', content: first.content }, toolResult]),
      })
    ).json();
    expect(second).toMatchObject({
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: expect.stringContaining('"summary": "s"') }],
    });
    expect(server.turnsOf('analyzer')[1]?.conversation).toMatchObject({
      turn: 1,
      toolResults: [{ call: { name: 'Read' }, content: 'file text', isError: false }],
    });
    expect(await (await post('/v1/messages/count_tokens', { messages: analyzerMessages() })).json()).toEqual({
      input_tokens: expect.any(Number),
    });
    server.assertNoSurprises();
  });

  it('fails loudly on a path it does not serve and on a turn its script has no answer for', async () => {
    server = await startFakeModelServer({ analyzer: [answerTurn({ summary: 's', bottlenecks: [] })] });
    expect((await post('/v1/complete', {})).status).toBe(404);
    const noRole = await post('/v1/messages', { messages: [{ role: 'user', content: 'hello' }] });
    expect(noRole.status).toBe(400);
    const beyond = await post('/v1/messages', {
      messages: analyzerMessages([
        { role: 'assistant', content: 'x' },
        { role: 'user', content: 'more' },
      ]),
    });
    expect(beyond.status).toBe(400);
    expect(() => server?.assertNoSurprises()).toThrow(
      [
        'the fake model server saw surprises:',
        '  unexpected POST /v1/complete',
        '  unanswered: the request names no Perfbot role',
        "  unanswered: the analyzer's script has 1 turns; turn 2 was asked",
      ].join('\n'),
    );
  });
});
