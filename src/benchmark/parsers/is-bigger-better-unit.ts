/**
 * Guesses the direction of a metric no tool labels: rates (`ops/s`, `MB/s`, `items_per_second`, `throughput`,
 * `hz`) are bigger-is-better; everything else (times, sizes, counts per op) is lower-is-better.
 * @param unitOrName a unit (`widgets/op`, `ops/s`) or, when there is no unit, the metric's name.
 */
export function isBiggerBetterUnit(unitOrName: string): boolean {
  const text = unitOrName.trim().toLowerCase();
  return (
    /\/\s*(s|sec|second)$/.test(text) ||
    /(^|[^a-z])per[_\- ]?(s|sec|second)$/.test(text) ||
    /^(ops|hz|throughput)$/.test(text)
  );
}
