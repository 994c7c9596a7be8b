import type { Random } from './seeded-random.ts';

/**
 * For each pair, whether head runs first. Within every block between two looks exactly half of the pairs
 * (rounded down, the odd one drawn at random) run head first, in shuffled order — Pinpoint's rule, so a
 * "second run of a pair is slower" effect cancels out instead of biasing the verdict.
 */
export function planPairOrder(looks: readonly number[], random: Random): boolean[] {
  const order: boolean[] = [];
  let start = 0;
  for (const end of looks) {
    const size = end - start;
    const headFirst = Math.floor(size / 2) + (size % 2 === 1 && random() < 0.5 ? 1 : 0);
    const block = Array.from({ length: size }, (_, i) => i < headFirst);
    for (let i = block.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [block[i], block[j]] = [block[j]!, block[i]!];
    }
    order.push(...block);
    start = end;
  }
  return order;
}
