const NANOSECONDS_PER = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 } as const;

/** Time units the parsers understand. `µs` is accepted as a spelling of `us`. */
export type TimeUnit = keyof typeof NANOSECONDS_PER;

export function isTimeUnit(unit: string): unit is TimeUnit {
  return Object.hasOwn(NANOSECONDS_PER, unit);
}

/** Converts a duration to nanoseconds, the one time unit of `ParsedResult`. */
export function toNanoseconds(value: number, unit: TimeUnit): number {
  return value * NANOSECONDS_PER[unit];
}
