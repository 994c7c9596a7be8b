import { describe, expect, it } from 'vitest';
import { parseAgentOutput } from '../../../src/agents/parse-agent-output.ts';

describe('parseAgentOutput', () => {
  it('accepts each role’s result, dropping extra keys', () => {
    expect(
      parseAgentOutput('analyzer', '{"summary":"s","bottlenecks":[{"title":"t","file":"a.js","detail":"d"}],"note":1}'),
    ).toEqual({
      ok: true,
      output: { summary: 's', bottlenecks: [{ title: 't', file: 'a.js', detail: 'd' }] },
    });
    expect(parseAgentOutput('optimizer', '{"summary":"faster"}')).toEqual({ ok: true, output: { summary: 'faster' } });
    expect(
      parseAgentOutput('reviewer', '{"findings":[{"severity":"critical","title":"t","line":3,"detail":"d"}]}'),
    ).toEqual({
      ok: true,
      output: { findings: [{ severity: 'critical', title: 't', line: 3, detail: 'd' }] },
    });
    expect(parseAgentOutput('reviewer', '{"findings":[]}')).toEqual({ ok: true, output: { findings: [] } });
  });

  it('says the result is not JSON', () => {
    expect(parseAgentOutput('optimizer', '{"summary": "unfinished')).toEqual({
      ok: false,
      error: expect.stringMatching(/^the result is not valid JSON \(.+\)$/),
    });
  });

  it('names the key path of every mismatch, so the retry prompt says what to fix', () => {
    expect(
      parseAgentOutput('reviewer', '{"findings":[{"severity":"urgent","title":"","detail":"d","line":0}]}'),
    ).toEqual({
      ok: false,
      error:
        'the result does not match the reviewer format: findings[0].severity: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"info"; ' +
        'findings[0].title: Too small: expected string to have >=1 characters; findings[0].line: Too small: expected number to be >0',
    });
    expect(parseAgentOutput('analyzer', '[]')).toEqual({
      ok: false,
      error:
        'the result does not match the analyzer format: the result: Invalid input: expected object, received array',
    });
  });
});
