/**
 * Benjamini–Hochberg adjusted p-values ("q-values"), in the input order: for the i-th smallest of m
 * p-values, min over j ≥ i of m·p₍ⱼ₎/j, capped at 1. Rejecting adjusted p < q controls the false
 * discovery rate at q. Same as `scipy.stats.false_discovery_control(p, method='bh')`.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value #${i} must be in [0, 1], got ${p}`);
  });
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const entry = order[rank - 1];
    if (!entry) continue;
    running = Math.min(running, (entry.p * m) / rank);
    adjusted[entry.i] = running;
  }
  return adjusted;
}
