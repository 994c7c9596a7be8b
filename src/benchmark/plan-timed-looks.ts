import { planLooks } from './plan-looks.ts';

/** Today's fixed schedule ends here (6/10/15/20): a benchmark too slow for more keeps exactly that schedule. */
export const FIXED_SCHEDULE_PAIRS = 20;

/**
 * The share of the remaining budget the plan fills: the rest absorbs later pairs being slower than the first
 * look's (a 2 ms command in the sandbox ran ~15% slower later on a shared machine) and the looks' own arithmetic,
 * so the last planned look is usually reached instead of the budget cutting the run at an unplanned look.
 */
const BUDGET_SHARE = 0.8;

export interface TimedLookOptions {
  /** Pairs of the first look, already measured when this is called. */
  minPairs: number;
  /** Most pairs the schedule may plan (`runs.max` when set, else a generous cap). */
  maxPairs: number;
  /** Mean wall-clock time of one measured pair (base + head), from the first look's pairs. */
  perPairMs: number;
  /** What is left of `timeBudgetSeconds` at the first look. */
  remainingMs: number;
  /** Pairs a calibration says are needed to detect the noise band; when it fits, the plan stops there. */
  neededPairs?: number;
}

export interface TimedLookPlan {
  looks: number[];
  /** What set the last look: the cap, the budget, the calibration's pairs, or the fixed schedule's 20 (a slow benchmark). */
  limitedBy: 'max-pairs' | 'time-budget' | 'calibration' | 'fixed-schedule';
}

/**
 * The looks of a time-planned run, decided after the first look's pairs and before that look is tested: as many
 * pairs as fit the rest of the time budget at the measured pace (capped by `maxPairs`, and by a calibration's
 * `neededPairs` when it has one), never fewer than the fixed 6/10/15/20 schedule. The plan depends only on how
 * long the pairs took, not on any comparison, so the O'Brien–Fleming boundaries computed for exactly these looks
 * spend exactly alpha.
 */
export function planTimedLooks(options: TimedLookOptions): TimedLookPlan {
  const { minPairs, perPairMs, remainingMs } = options;
  const cap = Math.max(minPairs, Math.floor(options.maxPairs));
  const floor = Math.min(cap, Math.max(minPairs, FIXED_SCHEDULE_PAIRS));
  const fit = perPairMs > 0 ? minPairs + Math.floor((BUDGET_SHARE * Math.max(0, remainingMs)) / perPairMs) : cap;
  const needed = options.neededPairs === undefined ? Infinity : Math.max(minPairs, Math.ceil(options.neededPairs));
  const candidates: [number, TimedLookPlan['limitedBy']][] = [
    [cap, 'max-pairs'],
    [fit, 'time-budget'],
    [needed, 'calibration'],
  ];
  let [last, limitedBy] = candidates.reduce((a, b) => (b[0] < a[0] ? b : a));
  if (last < floor) [last, limitedBy] = [floor, 'fixed-schedule'];
  return { looks: planLooks(minPairs, last), limitedBy };
}
