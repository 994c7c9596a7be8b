/**
 * The pre-planned looks (in pairs) at which the run may stop. Planning them up front is what lets the
 * group-sequential boundaries keep the false-positive rate at alpha (peeking after every pair would not).
 * min=max gives one look: a fixed-size design.
 */
export function planLooks(minPairs: number, maxPairs: number): number[] {
  const min = Math.max(3, Math.floor(minPairs));
  const max = Math.max(min, Math.floor(maxPairs));
  const looks = [min];
  let next = min;
  while (next < max) {
    // ~1.5× apart, rounded up to a multiple of 5: 6 → 10 → 15 → 20, the looks the reference calibrated.
    next = Math.min(max, Math.max(next + 2, Math.ceil((next * 1.5) / 5) * 5));
    looks.push(next);
  }
  return looks;
}
