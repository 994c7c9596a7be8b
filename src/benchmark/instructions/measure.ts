/**
 * What a run compares: `time` (wall time, CPU and memory of every run, plus the harness's own numbers) or
 * `instructions` (user-space instructions of the whole process tree, counted by perf or cachegrind, with wall
 * time still measured beside them).
 */
export const MEASURES = ['time', 'instructions'] as const;
export type Measure = (typeof MEASURES)[number];
