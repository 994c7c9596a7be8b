/** One number per benchmark metric per invocation of the benchmark command (the replicate unit). */
export interface Observation {
  benchmark: string;
  metric: string;
  unit: string;
  lowerIsBetter: boolean;
  value: number;
}

/** The row that measures the whole benchmark process (wall time, CPU time, peak RSS of its process tree). */
export const WHOLE_RUN = '(whole run)';

export function observationKey(o: Pick<Observation, 'benchmark' | 'metric'>): string {
  return `${o.benchmark}\u0000${o.metric}`;
}
