/**
 * Guesses the direction of a metric no tool labels: rates per unit of time (`ops/s`, `MB/s`, `ops/ms`,
 * `items_per_second`, `req/min`), `throughput`, `hz`, and the usual rate abbreviations (`fps`, `qps`, `rps`,
 * `tps`, `ips`) are bigger-is-better; everything else (times, sizes, counts per op) is lower-is-better.
 * @param unitOrName a unit (`widgets/op`, `ops/s`) or, when there is no unit, the metric's name.
 */
export function isBiggerBetterUnit(unitOrName: string): boolean {
  const text = unitOrName.trim().toLowerCase();
  return (
    /\/\s*(ns|us|µs|ms|s|sec|secs|second|seconds|min|minute|h|hour)$/.test(text) ||
    /(^|[^a-z])per[_\- ]?(ms|s|sec|second|min|minute|hour)$/.test(text) ||
    /^(ops|hz|khz|mhz|ghz|throughput|fps|qps|rps|tps|ips|iops)$/.test(text)
  );
}
