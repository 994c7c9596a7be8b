import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../../src/config/parse-repo-config.ts';
import { renderConfigSchema } from '../../../src/config/render-config-schema.ts';
import { MINIMAL_PERF_YML } from '../../../src/config/perf-yml-docs.ts';
import type { JsonSchema } from './validate-json-schema.ts';

const docs = await readFile(new URL('../../../docs/perf-yml.md', import.meta.url), 'utf8');

/** Dotted key paths of every documented setting in the JSON Schema (`targets[].improve`, `benchmark.runs.min`). */
function keyPaths(node: JsonSchema, prefix = ''): string[] {
  const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
  const own = Object.entries(properties).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...keyPaths(child, path)];
  });
  const options = ((node.anyOf ?? []) as JsonSchema[]).flatMap((option) => keyPaths(option, prefix));
  const items = node.items === undefined ? [] : keyPaths(node.items as JsonSchema, `${prefix}[]`);
  return [...own, ...options, ...items];
}

describe('docs/perf-yml.md', () => {
  it('documents every key of the schema', () => {
    const paths = keyPaths(JSON.parse(renderConfigSchema()) as JsonSchema);
    expect(paths).toContain('benchmark.runs.max');
    expect(paths).toContain('targets[].reduceMemory');
    expect(paths.filter((path) => !docs.includes(`| \`${path}\` |`))).toEqual(
      // Sections are documented by their keys, not as rows of their own.
      [
        'benchmark',
        'thresholds',
        'test',
        'limits',
        'targets',
        'optimize',
        'review',
        'monitor',
        'triggers',
        'triggers.labels',
      ],
    );
  });

  it('has only YAML examples that Perfbot accepts', () => {
    const examples = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(examples.length).toBe(3);
    for (const example of examples) expect(() => parseRepoConfig(example)).not.toThrow();
  });

  it('starts with the same minimal example the errors show', () => {
    expect(docs).toContain(`\`\`\`yaml\n${MINIMAL_PERF_YML}\`\`\``);
  });
});
