import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../../src/config/parse-repo-config.ts';
import { renderConfigSchema } from '../../../src/config/render-config-schema.ts';
import { validateJsonSchema, type JsonSchema } from './validate-json-schema.ts';

const committedPath = new URL('../../../schema/perf.schema.json', import.meta.url);
const schema = JSON.parse(renderConfigSchema()) as JsonSchema;

/** Every subschema, with its JSON pointer, so properties of all nested mappings can be checked. */
function* subschemas(node: unknown, at = '#'): Generator<[string, JsonSchema]> {
  if (typeof node !== 'object' || node === null) return;
  if (!Array.isArray(node)) yield [at, node as JsonSchema];
  for (const [key, child] of Object.entries(node)) yield* subschemas(child, `${at}/${key}`);
}

describe('renderConfigSchema', () => {
  it('matches the committed schema/perf.schema.json (run `npm run schema` after changing src/config)', async () => {
    expect(await readFile(committedPath, 'utf8')).toBe(renderConfigSchema());
  });

  it('is a draft-07 schema of the input, with defaults as users write them', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Perfbot repository configuration (.github/perf.yml)');
    const thresholds = (schema.properties as Record<string, JsonSchema>).thresholds as JsonSchema;
    const noise = (thresholds.properties as Record<string, JsonSchema>).noise as JsonSchema;
    expect(noise.default).toBe(2);
  });

  it('closes every mapping with fixed keys (additionalProperties: false)', () => {
    const mappings = [...subschemas(schema)].filter(([, node]) => node.properties !== undefined);
    expect(mappings.map(([at]) => at)).toContain('#/properties/triggers/properties/labels');
    expect(mappings.map(([at]) => at)).toContain('#/properties/limits');
    // root, benchmark, runs, thresholds, test, limits, a target, optimize, tradeoffs, review, monitor, triggers, labels
    expect(mappings.length).toBe(13);
    const open = mappings.filter(([, node]) => node.additionalProperties !== false).map(([at]) => at);
    expect(open).toEqual([]);
  });

  it.each([
    ['an empty document', {}],
    ['the minimal example', { benchmark: { command: 'npm run bench' } }],
    ['runs shorthand and percent strings', { benchmark: { command: ['make'], runs: 10 }, thresholds: { noise: '3%' } }],
    [
      'both target kinds',
      {
        targets: [
          { benchmark: 'a', improve: 5 },
          { benchmark: 'b', reduceMemory: '10%' },
        ],
      },
    ],
  ])('accepts %s, as parseRepoConfig does', (_name, document) => {
    expect(validateJsonSchema(schema, document)).toEqual([]);
    expect(() => parseRepoConfig(JSON.stringify(document))).not.toThrow();
  });

  it.each([
    ['an unknown top-level key', { benchmarks: {} }, ['/benchmarks: additionalProperties']],
    [
      'a typo in a nested key',
      { benchmark: { comand: 'x', command: 'y' } },
      ['/benchmark/comand: additionalProperties'],
    ],
    ['an unknown key in runs', { benchmark: { command: 'x', runs: { mn: 2 } } }, ['/benchmark/runs: anyOf']],
    ['a missing command', { benchmark: { runs: 3 } }, ['/benchmark: required command']],
    ['a word as a percentage', { thresholds: { noise: 'ten' } }, ['/thresholds/noise: anyOf']],
    ['a lower-case env name', { benchmark: { command: 'x', env: { path: '/bin' } } }, ['/benchmark/env/path: pattern']],
    ['a target with both goals', { targets: [{ benchmark: 'a', improve: 5, reduceMemory: 5 }] }, ['/targets/0: oneOf']],
    ['a repeated reviewer', { review: { reviewers: ['code', 'code'] } }, ['/review/reviewers: uniqueItems']],
  ])('rejects %s, as parseRepoConfig does', (_name, document, errors) => {
    expect(validateJsonSchema(schema, document)).toEqual(errors);
    expect(() => parseRepoConfig(JSON.stringify(document))).toThrow();
  });

  it('accepts the complete example of docs/perf-yml.md', async () => {
    const docs = await readFile(new URL('../../../docs/perf-yml.md', import.meta.url), 'utf8');
    const example = /## A complete example\n\n```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
    expect(example).toContain('benchmark:');
    expect(validateJsonSchema(schema, parse(example))).toEqual([]);
  });
});
