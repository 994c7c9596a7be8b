import { describe, expect, it } from 'vitest';
import { readAiderReply } from '../../../src/agents/adapters/aider-agent.ts';
import { readClaudeEnvelope } from '../../../src/agents/adapters/claude-code-agent.ts';
import { extractJsonReply } from '../../../src/agents/extract-json-reply.ts';

describe('extractJsonReply', () => {
  it('takes the last fenced JSON block of a message', () => {
    const message = 'Plan:\n```json\n{"draft":true}\n```\nFinal:\n```json\n{"summary":"done"}\n```\n';
    expect(extractJsonReply(message)).toBe('{"summary":"done"}');
  });

  it('takes a message that is only JSON, or a JSON object starting a line', () => {
    expect(extractJsonReply(' {"findings":[]} ')).toBe('{"findings":[]}');
    expect(extractJsonReply('Here it is:\n{"summary":"x"}\nBye')).toBe('{"summary":"x"}');
  });

  it('returns undefined when there is no JSON', () => {
    expect(extractJsonReply('I could not finish.')).toBeUndefined();
  });
});

describe('readClaudeEnvelope', () => {
  it('returns the JSON at the end of `result` and the reported cost', () => {
    const envelope = {
      type: 'result',
      subtype: 'success',
      is_error: false,
      result: 'Ok.\n```json\n{"summary":"s"}\n```',
      total_cost_usd: 0.25,
    };
    expect(readClaudeEnvelope(JSON.stringify(envelope))).toEqual({ jsonText: '{"summary":"s"}', costUsd: 0.25 });
  });

  it('reports the error subtype Claude Code gives and its errors, with its cost', () => {
    const envelope = {
      type: 'result',
      subtype: 'error_during_execution',
      is_error: true,
      errors: ['API Error: 529'],
      total_cost_usd: 1.5,
    };
    expect(readClaudeEnvelope(JSON.stringify(envelope))).toEqual({
      error: 'Claude Code reported error_during_execution: API Error: 529',
      costUsd: 1.5,
    });
  });

  it('marks a stop at its own turn or budget cap as final, naming the setting', () => {
    const turns = {
      type: 'result',
      subtype: 'error_max_turns',
      is_error: true,
      errors: ['Reached maximum number of turns (3)'],
      total_cost_usd: 1.5,
    };
    expect(readClaudeEnvelope(JSON.stringify(turns))).toEqual({
      error:
        'Claude Code stopped at its turn limit (`maxTurns` in the operator config): Reached maximum number of turns (3)',
      final: true,
      costUsd: 1.5,
    });
    const budget = { type: 'result', subtype: 'error_max_budget_usd', is_error: true, total_cost_usd: 2 };
    expect(readClaudeEnvelope(JSON.stringify(budget))).toEqual({
      error: 'Claude Code stopped at its budget (`maxCostUsd` in the operator config)',
      final: true,
      costUsd: 2,
    });
  });

  it('says when there is no envelope or no JSON in the reply', () => {
    expect(readClaudeEnvelope('Error: invalid API key\n')).toEqual({
      error: 'Claude Code printed no JSON result envelope',
    });
    expect(readClaudeEnvelope('{"type":"result","subtype":"success","result":"Sorry."}')).toEqual({
      error: 'the final message holds no JSON result',
    });
  });
});

describe('readAiderReply', () => {
  it('returns the JSON of the reply and the last session cost', () => {
    const stdout =
      'Tokens: 1k sent, 10 received. Cost: $0.01 message, $0.01 session.\n```json\n{"findings":[]}\n```\nTokens: 2k sent, 20 received. Cost: $0.02 message, $0.03 session.\n';
    expect(readAiderReply(stdout)).toEqual({ jsonText: '{"findings":[]}', costUsd: 0.03 });
  });
});
