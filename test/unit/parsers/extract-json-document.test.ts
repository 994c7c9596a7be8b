import { describe, expect, it } from 'vitest';
import { extractJsonDocument } from '../../../src/benchmark/parsers/extract-json-document.ts';

describe('extractJsonDocument', () => {
  it('parses a document that is the whole output', () => {
    expect(extractJsonDocument('  {"results": [1, 2]}\n')).toEqual({ results: [1, 2] });
  });

  it('skips log lines before and after the document', () => {
    const text = [
      '> bench@1.0.0 bench',
      '> node bench.js',
      '',
      '[info] warming up',
      '{',
      '  "sort": { "latency": { "value": 12 } },',
      '  "note": "braces } and ] inside strings are not structure"',
      '}',
      'npm notice New minor version of npm available!',
    ].join('\n');

    expect(extractJsonDocument(text)).toEqual({
      sort: { latency: { value: 12 } },
      note: 'braces } and ] inside strings are not structure',
    });
  });

  it('prefers the outermost (longest) document over one-line JSON log records', () => {
    const text = [
      '{"level":"info","msg":"starting"}',
      '[',
      '  {"name": "a", "unit": "ns", "value": 1},',
      '  {"name": "b", "unit": "ns", "value": 2}',
      ']',
    ].join('\n');

    expect(extractJsonDocument(text)).toEqual([
      { name: 'a', unit: 'ns', value: 1 },
      { name: 'b', unit: 'ns', value: 2 },
    ]);
  });

  it('finds nothing in text without a JSON object or array at a line start', () => {
    expect(extractJsonDocument('')).toBeUndefined();
    expect(extractJsonDocument('BenchmarkX-8  100  12 ns/op\nPASS')).toBeUndefined();
    expect(extractJsonDocument('result: {"a": 1}')).toBeUndefined();
    expect(extractJsonDocument('{"truncated": [1, 2')).toBeUndefined();
    expect(extractJsonDocument('42')).toBeUndefined();
  });
});
