/**
 * A small JSON Schema checker for the keywords `schema/perf.schema.json` uses, so tests can validate documents
 * against the committed schema without a validator dependency. Returns the JSON pointers of failing nodes.
 */
export type JsonSchema = { [keyword: string]: unknown };

export function validateJsonSchema(schema: JsonSchema, value: unknown, at = ''): string[] {
  const errors: string[] = [];
  const fail = (keyword: string) => errors.push(`${at || '/'}: ${keyword}`);
  const sub = (keyword: string) => schema[keyword] as JsonSchema | undefined;
  const subs = (keyword: string) => schema[keyword] as JsonSchema[] | undefined;

  const types = schema.type === undefined ? undefined : ([] as unknown[]).concat(schema.type);
  if (types !== undefined && !types.some((type) => hasType(value, type as string))) return [`${at || '/'}: type`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail('enum');
  const anyOf = subs('anyOf');
  if (anyOf && !anyOf.some((option) => validateJsonSchema(option, value, at).length === 0)) fail('anyOf');
  const oneOf = subs('oneOf');
  if (oneOf && oneOf.filter((option) => validateJsonSchema(option, value, at).length === 0).length !== 1) fail('oneOf');

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('maximum');
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail('exclusiveMinimum');
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) fail('exclusiveMaximum');
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail('minLength');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail('pattern');
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail('minItems');
    if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
      fail('uniqueItems');
    }
    const items = sub('items');
    if (items) value.forEach((item, index) => errors.push(...validateJsonSchema(items, item, `${at}/${index}`)));
  }
  if (isObject(value)) {
    const properties = (sub('properties') ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in value)) fail(`required ${key}`);
    const names = sub('propertyNames');
    for (const [key, item] of Object.entries(value)) {
      if (names) errors.push(...validateJsonSchema(names, key, `${at}/${key}`));
      const property = properties[key];
      const additional = schema.additionalProperties as JsonSchema | boolean | undefined;
      if (property) errors.push(...validateJsonSchema(property, item, `${at}/${key}`));
      else if (additional === false) errors.push(`${at}/${key}: additionalProperties`);
      else if (typeof additional === 'object') errors.push(...validateJsonSchema(additional, item, `${at}/${key}`));
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
