import type { z } from 'zod';

/** The parts of a zod definition this walk reads; zod's own def types are a wide union of generics. */
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

/**
 * The keys a mapping may have at `path` inside `schema` (the input side, looking through defaults, optionals,
 * transforms and unions), so an unknown-key message can list them or suggest the closest one.
 */
export function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = schema.def as unknown as SchemaDef;
  const [segment, ...rest] = path;
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return def.innerType === undefined ? [] : objectKeysAt(def.innerType, path);
    case 'pipe':
      return def.in === undefined ? [] : objectKeysAt(def.in, path);
    case 'union':
      return [...new Set((def.options ?? []).flatMap((option) => objectKeysAt(option, path)))];
    case 'object': {
      if (segment === undefined) return Object.keys(def.shape ?? {});
      const child = typeof segment === 'string' ? def.shape?.[segment] : undefined;
      return child === undefined ? [] : objectKeysAt(child, rest);
    }
    case 'array':
      return def.element === undefined || segment === undefined ? [] : objectKeysAt(def.element, rest);
    case 'record':
      return def.valueType === undefined || segment === undefined ? [] : objectKeysAt(def.valueType, rest);
    default:
      return [];
  }
}
