import { truncateCodePoints } from '../../domain/untrusted-text.ts';

/** Describes a JSON value in a few words for error messages: `an object with keys \`a\`, \`b\``, `a string ("x")`. */
export function describeJsonValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty array' : `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  switch (typeof value) {
    case 'object': {
      const keys = Object.keys(value);
      if (keys.length === 0) return 'an empty object';
      const shown = keys.slice(0, 5).map((key) => `\`${key}\``);
      return `an object with keys ${shown.join(', ')}${keys.length > 5 ? ', …' : ''}`;
    }
    case 'string':
      return `a string (${JSON.stringify(truncateCodePoints(value, 41))})`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `\`${value}\``;
    default:
      return typeof value;
  }
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Describes `document` for "expected an object with a `key` array" errors: names the key's value when the key
 * is there but has the wrong type (`an object whose \`files\` is the number 3`).
 */
export function describeWithKey(document: unknown, key: string): string {
  if (!isJsonObject(document) || !(key in document)) return describeJsonValue(document);
  return `an object whose \`${key}\` is ${describeJsonValue(document[key])}`;
}
