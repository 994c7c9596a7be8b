import { normalQuantile, normalSf } from './normal-distribution.ts';

/**
 * Nominal two-sided p-value thresholds for a group-sequential test with looks after `looks[k]` pairs,
 * O'Brien–Fleming shaped: reject at look k when |z| > C·√(N_max/n_k), with C chosen so that the
 * overall type-I error is exactly `alpha` for a statistic with independent increments (Brownian
 * motion in information time t_k = n_k/N_max). Early looks are very strict, the last one is close
 * to `alpha`, so stopping early costs almost no power. A single look gives `[alpha]`.
 *
 * For looks [6, 10, 15, 20] and α = 0.05: C ≈ 2.025 and thresholds ≈ 0.00022, 0.0042, 0.019, 0.043.
 */
export function sequentialBoundaries(looks: readonly number[], alpha: number): number[] {
  const times = informationTimes(looks);
  assertAlpha(alpha);
  if (times.length === 1) return [alpha];
  const c = obrienFlemingConstant(looks, alpha);
  return times.map((t) => 2 * normalSf(c / Math.sqrt(t)));
}

/**
 * The O'Brien–Fleming constant C for these looks, found by bisection on the exact crossing
 * probability (`crossingProbability`); converges to ~1e-10, limited in practice by the quadrature
 * (type-I error accurate to ~1e-8).
 */
export function obrienFlemingConstant(looks: readonly number[], alpha: number): number {
  const times = informationTimes(looks);
  assertAlpha(alpha);
  // C ≥ the single-look critical value (the last look alone already spends alpha at that C), and
  // C ≤ the Bonferroni critical value (every look at α/K spends at most alpha in total).
  let lo = normalQuantile(1 - alpha / 2);
  let hi = normalQuantile(1 - alpha / (2 * times.length));
  while (hi - lo > 1e-10) {
    const mid = (lo + hi) / 2;
    if (crossingProbability(mid, times) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * P(|W(t_k)| ≥ c for some k) for standard Brownian motion W. On the score scale S_k = W(t_k) the
 * O'Brien–Fleming region |z_k| < c/√t_k is simply |S_k| < c. The density of S_k on the continuation
 * region is propagated look by look (Armitage–McPherson–Rowe recursion) with Simpson's rule; the
 * grid step is far below the smallest increment's SD, so the quadrature error is negligible.
 */
export function crossingProbability(c: number, times: readonly number[]): number {
  const first = times[0] ?? 1;
  let minSd = Math.sqrt(first);
  for (let k = 1; k < times.length; k++) minSd = Math.min(minSd, Math.sqrt((times[k] ?? 0) - (times[k - 1] ?? 0)));
  const step = Math.min(0.02, minSd / 20);
  const intervals = Math.min(4000, 2 * Math.ceil(c / step));
  const h = (2 * c) / intervals;
  const grid = Array.from({ length: intervals + 1 }, (_, i) => -c + i * h);
  const weights = grid.map((_, i) => ((i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2) * h) / 3);
  let density = grid.map((s) => normalDensity(s, Math.sqrt(first)));
  for (let k = 1; k < times.length; k++) {
    const sd = Math.sqrt((times[k] ?? 0) - (times[k - 1] ?? 0));
    const weighted = density.map((f, j) => f * (weights[j] ?? 0));
    density = grid.map((s) => {
      let sum = 0;
      for (let j = 0; j < grid.length; j++) sum += (weighted[j] ?? 0) * normalDensity(s - (grid[j] ?? 0), sd);
      return sum;
    });
  }
  let stay = 0;
  density.forEach((f, i) => (stay += f * (weights[i] ?? 0)));
  return 1 - stay;
}

function normalDensity(x: number, sd: number): number {
  return Math.exp(-0.5 * (x / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
}

function informationTimes(looks: readonly number[]): number[] {
  if (looks.length === 0) throw new RangeError('sequential boundaries need at least one look');
  looks.forEach((n, i) => {
    if (!(Number.isFinite(n) && n > 0) || (i > 0 && n <= (looks[i - 1] ?? 0))) {
      throw new RangeError(`looks must be positive and strictly increasing, got [${looks.join(', ')}]`);
    }
  });
  const last = looks[looks.length - 1] ?? 1;
  return looks.map((n) => n / last);
}

function assertAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}
