import type { MetricKind } from '../metric-kind.ts';

/** The words for "head is worse / better" on one kind of metric. */
export interface MetricWords {
  /** Table verdict word for a `slower` row, e.g. `slower`, `more memory`. */
  worse: string;
  /** Table verdict word for a `faster` row, e.g. `faster`, `less memory`. */
  better: string;
  /** Verb that joins "head" and the word: "head **is** slower", "head **uses** more memory". */
  verb: string;
}

const WORDS: Record<MetricKind, MetricWords> = {
  time: { worse: 'slower', better: 'faster', verb: 'is' },
  throughput: { worse: 'slower', better: 'faster', verb: 'is' },
  memory: { worse: 'more memory', better: 'less memory', verb: 'uses' },
  other: { worse: 'worse', better: 'better', verb: 'is' },
};

/** Verdict words that read right for the metric; `faster`/`slower` stay the verdicts in JSON. */
export function metricWords(kind: MetricKind): MetricWords {
  return WORDS[kind];
}
