/**
 * Describes a value found in `.github/perf.yml` the way a user wrote it, for "expected …, got …" messages:
 * strings are quoted, collections are named by kind (their contents would only add noise).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // `key:` with nothing after it parses as null; say so in the user's terms.
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  // What is left from YAML is a number or a boolean.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}
