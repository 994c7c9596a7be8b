import { decideVerdict, isDecisive } from './decide-verdict.ts';
import { median, sampleStandardDeviation, mean } from './descriptive-statistics.ts';
import { hodgesLehmann } from './hodges-lehmann.ts';
import type { CompareOptions, MetricComparison, Pair } from './metric-comparison.ts';
import { minimumDetectableEffect } from './minimum-detectable-effect.ts';
import { modifiedZOutliers } from './modified-z-outliers.ts';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.ts';
import { yuenConfidenceInterval, yuenPairedTest } from './yuen-paired-test.ts';

/** Fewest pairs for which a comparison is attempted; below it the result says "no information". */
export const MIN_PAIRS = 3;

/**
 * Stand-in for "unbounded" in CIs and MDEs when there are too few pairs: finite so that the
 * result survives JSON (Infinity would become null), and a relative change can never be below −1.
 */
const UNBOUNDED: [number, number] = [-1, Number.MAX_VALUE];

/**
 * Compares head with base from interleaved pairs, on the per-pair log-ratios rᵢ = ln(headᵢ/baseᵢ).
 *
 * - Primary: the paired t on r when no pair is an outlier (|modified z| > 3.5), Yuen's 20%-trimmed paired t
 *   otherwise. change = e^est − 1, CI at `confidence` from the same statistic, transformed the same way. `change` is always head/base − 1; only the verdict's
 *   orientation depends on `lowerIsBetter`.
 * - Verdict (`decideVerdict`): p < alpha and the CI beyond ±noiseBand → `slower`/`faster`; the
 *   (1 − 2·equivalenceAlpha) CI inside ±noiseBand → `unchanged`; else `inconclusive`.
 * - Cross-check: Wilcoxon signed-rank p with the Hodges–Lehmann CIs, judged by the same rule. When
 *   the rank test cannot reach alpha at this n whatever the data (its p-value floor, e.g. 2/2⁶ at 6
 *   pairs against an early sequential boundary), only its CI is judged. If it contradicts the primary
 *   analysis — a different faster/slower verdict, or a CI that excludes the primary estimate of a
 *   faster/slower row — `agrees` is false and the verdict is downgraded to `inconclusive`.
 * - With fewer than 3 pairs: `inconclusive`, p = 1, CIs and MDE `[-1, Number.MAX_VALUE]` /
 *   `Number.MAX_VALUE` (finite, NaN-free). The engine always collects at least 3 pairs.
 *
 * @throws RangeError when a value is not a positive finite number (a log-ratio needs both sides > 0),
 *   or when an option is out of range.
 */
export function comparePaired(pairs: readonly Pair[], options: CompareOptions): MetricComparison {
  const { alpha, confidence, noiseBand, lowerIsBetter } = options;
  const equivalenceAlpha = options.equivalenceAlpha ?? alpha;
  assertOptions(alpha, confidence, noiseBand, equivalenceAlpha);
  const logRatios = pairs.map((pair, i) => {
    if (!(pair.base > 0 && pair.head > 0 && Number.isFinite(pair.base) && Number.isFinite(pair.head))) {
      throw new RangeError(
        `pair #${i} has base=${pair.base}, head=${pair.head}: comparisons need positive finite values on both sides`,
      );
    }
    return Math.log(pair.head / pair.base);
  });
  const n = pairs.length;
  const common = {
    n,
    baseMedian: median(pairs.map((pair) => pair.base)),
    headMedian: median(pairs.map((pair) => pair.head)),
    noise: sampleStandardDeviation(logRatios),
    outliers: modifiedZOutliers(logRatios),
  };
  if (n < MIN_PAIRS) return tooFewPairs(common, logRatios);

  // Plain paired t (trim 0) when no pair is an outlier — the most powerful test on clean data, and the
  // reference's recommendation; Yuen's 20%-trimmed t when some are, so that one stray run cannot decide.
  const trim = common.outliers === 0 ? 0 : 0.2;
  const yuen = yuenPairedTest(logRatios, trim);
  const toChange = ([low, high]: [number, number]): [number, number] => [Math.expm1(low), Math.expm1(high)];
  const primary = {
    p: yuen.p,
    ci: toChange(yuenConfidenceInterval(yuen, confidence)),
    equivalenceCi: toChange(yuenConfidenceInterval(yuen, 1 - 2 * equivalenceAlpha)),
  };
  const wilcoxon = wilcoxonSignedRank(logRatios);
  const hl = hodgesLehmann(logRatios, confidence);
  const cross = {
    p: wilcoxon.p,
    ci: toChange(hl.ci),
    equivalenceCi: toChange(hodgesLehmann(logRatios, 1 - 2 * equivalenceAlpha).ci),
  };
  const rule = { lowerIsBetter, noiseBand, alpha };
  const primaryVerdict = decideVerdict(primary, rule);
  const crossVerdict = decideVerdict(cross, { ...rule, requireSignificance: wilcoxon.minAttainableP < alpha });
  // The rank analysis vetoes only when it contradicts the primary one — a different decisive verdict, or an
  // interval that excludes the primary estimate — not merely because it is less powerful at small n.
  const estimate = Math.expm1(yuen.estimate);
  const contradicts =
    (isDecisive(crossVerdict) && crossVerdict !== primaryVerdict) ||
    (isDecisive(primaryVerdict) && (estimate < cross.ci[0] || estimate > cross.ci[1]));
  const agrees = !contradicts;
  return {
    ...common,
    change: Math.expm1(yuen.estimate),
    ci: primary.ci,
    p: yuen.p,
    verdict: agrees ? primaryVerdict : 'inconclusive',
    // The noise the test actually sees (winsorized when trimming), so the MDE matches the interval.
    mde: minimumDetectableEffect(yuen.se * Math.sqrt(n), n, alpha),
    crossCheck: { p: wilcoxon.p, change: Math.expm1(hl.estimate), ci: cross.ci, agrees },
  };
}

function tooFewPairs(
  common: Pick<MetricComparison, 'n' | 'baseMedian' | 'headMedian' | 'noise' | 'outliers'>,
  logRatios: readonly number[],
): MetricComparison {
  const change = Math.expm1(mean(logRatios));
  return {
    ...common,
    change,
    ci: [...UNBOUNDED],
    p: 1,
    verdict: 'inconclusive',
    mde: Number.MAX_VALUE,
    crossCheck: { p: 1, change, ci: [...UNBOUNDED], agrees: true },
  };
}

function assertOptions(alpha: number, confidence: number, noiseBand: number, equivalenceAlpha: number): void {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
  if (!(equivalenceAlpha > 0 && equivalenceAlpha < 0.5)) {
    throw new RangeError(`equivalenceAlpha must be in (0, 0.5), got ${equivalenceAlpha}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!(noiseBand >= 0 && Number.isFinite(noiseBand))) throw new RangeError(`noiseBand must be ≥ 0, got ${noiseBand}`);
}
