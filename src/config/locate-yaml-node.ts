import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import type { SchemaIssue } from './flatten-schema-issues.ts';

/** A 1-based position in the YAML text. */
export interface YamlPosition {
  line: number;
  column: number;
}

/**
 * Where a schema issue's node is in the YAML text: the key itself for unknown keys, otherwise the value; for a
 * missing key, the key of the nearest mapping that does exist (`benchmark:` when `benchmark.command` is missing).
 */
export function locateYamlNode(
  doc: Document,
  lineCounter: LineCounter,
  path: SchemaIssue['path'],
  at: SchemaIssue['at'],
): YamlPosition | undefined {
  const offset = at === 'key' ? keyOffset(doc, path) : (valueOffset(doc, path) ?? nearestKeyOffset(doc, path));
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function valueOffset(doc: Document, path: SchemaIssue['path']): number | undefined {
  const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return rangeStart(node);
}

function keyOffset(doc: Document, path: SchemaIssue['path']): number | undefined {
  const parent: unknown = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const name = path.at(-1);
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(name));
  return rangeStart(pair?.key);
}

function nearestKeyOffset(doc: Document, path: SchemaIssue['path']): number | undefined {
  for (let length = path.length - 1; length > 0; length--) {
    const offset = keyOffset(doc, path.slice(0, length));
    if (offset !== undefined) return offset;
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range?.[0];
}
