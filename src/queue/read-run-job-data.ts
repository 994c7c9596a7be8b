import { RunJobData } from './run-job-data.ts';

/** A job's data as {@link RunJobData}, or undefined when it does not match (a foreign or crafted job). */
export function readRunJobData(data: unknown): RunJobData | undefined {
  const parsed = RunJobData.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
