import type { Verdict } from './metric-comparison.ts';

/** What a test says about one metric, on the relative-change scale (head/base − 1). */
export interface VerdictEvidence {
  /** Two-sided p-value. */
  p: number;
  /** CI of the change at the reporting confidence. */
  ci: readonly [number, number];
  /** CI of the change at 1 − 2·equivalenceAlpha (for the TOST equivalence decision). */
  equivalenceCi: readonly [number, number];
}

export interface VerdictRule {
  lowerIsBetter: boolean;
  /** Noise band as a fraction (0.02 = ±2%). */
  noiseBand: number;
  alpha: number;
  /**
   * When false, significance is not required (only the CI is judged). For a rank test whose p-value
   * cannot go below alpha at this n whatever the data, requiring p < alpha would make it a veto
   * rather than a check.
   */
  requireSignificance?: boolean;
}

/**
 * Criterion-style verdict, oriented so that `faster` always means "head is better":
 * - a change is real only if p < alpha AND the whole CI lies beyond the noise band on one side;
 * - `unchanged` only if the equivalence CI lies inside [−band, +band] (TOST);
 * - anything else is `inconclusive` (including "significant but the CI overlaps the band").
 */
export function decideVerdict(evidence: VerdictEvidence, rule: VerdictRule): Verdict {
  const band = rule.noiseBand;
  const significant = rule.requireSignificance === false || evidence.p < rule.alpha;
  const [low, high] = evidence.ci;
  if (significant && low > band) return rule.lowerIsBetter ? 'slower' : 'faster';
  if (significant && high < -band) return rule.lowerIsBetter ? 'faster' : 'slower';
  const [eqLow, eqHigh] = evidence.equivalenceCi;
  if (eqLow >= -band && eqHigh <= band) return 'unchanged';
  return 'inconclusive';
}

/** `faster` and `slower` decide something; `unchanged` and `inconclusive` do not flag a change. */
export function isDecisive(verdict: Verdict): boolean {
  return verdict === 'faster' || verdict === 'slower';
}
