import { median } from './descriptive-statistics.ts';

/** Iglewicz & Hoaglin's cut-off for |modified z|. */
export const MODIFIED_Z_THRESHOLD = 3.5;

/**
 * How many values have |modified z| = |0.6745·(x − median)/MAD| > 3.5 (Iglewicz & Hoaglin, 1993).
 * Outliers are counted to be reported, never dropped.
 *
 * When MAD is 0 (more than half the values equal, common for count metrics) every value that differs
 * from the median has an infinite modified z and is counted.
 */
export function modifiedZOutliers(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const center = median(values);
  const mad = median(values.map((v) => Math.abs(v - center)));
  if (mad === 0) return values.filter((v) => v !== center).length;
  return values.filter((v) => Math.abs((0.6745 * (v - center)) / mad) > MODIFIED_Z_THRESHOLD).length;
}
