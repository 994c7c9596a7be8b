/** Verdict words keep their meaning for bigger-is-better metrics: `faster` always means "head is better". */
export const VERDICTS = ['faster', 'slower', 'unchanged', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One interleaved pair: the same benchmark metric measured once on each side, adjacent in time. */
export interface Pair {
  base: number;
  head: number;
}

export interface CompareOptions {
  lowerIsBetter: boolean;
  /** Noise band / minimum effect as a fraction (0.02 = ±2%). */
  noiseBand: number;
  /** Two-sided nominal significance level for this look (already adjusted for sequential looks / FDR). */
  alpha: number;
  /** Confidence level of the reported interval, e.g. 0.95. */
  confidence: number;
  /**
   * Level of the equivalence (TOST) test behind `unchanged`: the (1 − 2·equivalenceAlpha) CI must lie
   * inside ±noiseBand. Defaults to `alpha`. An equivalence stop does not inflate the false-regression
   * rate, so a sequential engine may pass the unadjusted level here (e.g. 0.05 → 90% CI at every look).
   */
  equivalenceAlpha?: number;
}

/** The statistical comparison of one metric of one benchmark, head vs base. */
export interface MetricComparison {
  n: number;
  baseMedian: number;
  headMedian: number;
  /** Relative change of head vs base: −0.2 means head's value is 20% lower. */
  change: number;
  /** Confidence interval of `change` at `confidence`. */
  ci: [number, number];
  /** Two-sided p-value of the primary test (Yuen's 20%-trimmed paired t on log-ratios). */
  p: number;
  verdict: Verdict;
  /** Smallest |relative change| this run could have detected (80% power at `alpha`). */
  mde: number;
  /** SD of the per-pair log-ratios (c_d): the noise this run saw. */
  noise: number;
  /** Pairs whose log-ratio has |modified z| > 3.5; flagged, never dropped. */
  outliers: number;
  /** Wilcoxon signed-rank / Hodges–Lehmann cross-check. */
  crossCheck: {
    p: number;
    change: number;
    ci: [number, number];
    /** False when the cross-check would give a different verdict; the verdict is then downgraded. */
    agrees: boolean;
  };
}
