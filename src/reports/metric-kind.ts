/** How a metric reads to a person; decides the words in the Markdown (the JSON keeps the raw verdicts). */
export const METRIC_KINDS = ['time', 'throughput', 'memory', 'other'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

const TIME_UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's']);
const BYTE_UNITS = new Set(['B', 'KB', 'KiB', 'MB', 'MiB', 'GB', 'GiB', 'bytes']);
const MEMORY_NAME = /mem|rss|heap|bytes/i;

/** Classifies a metric by its name and unit: `time`/`ns` → time, `x/s` → throughput, bytes → memory. */
export function metricKind(metric: string, unit: string): MetricKind {
  if (metric === 'time' || TIME_UNITS.has(unit)) return 'time';
  if (unit.endsWith('/s')) return 'throughput';
  const perIndex = unit.indexOf('/');
  const head = perIndex === -1 ? unit : unit.slice(0, perIndex);
  if (BYTE_UNITS.has(head) || MEMORY_NAME.test(metric)) return 'memory';
  return 'other';
}
