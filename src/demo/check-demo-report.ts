import type { BenchReport } from '../benchmark/bench-report.ts';

/** What the demo must show: `sort` slower on time, `parse` and `hash` never faster/slower. Returns the problems. */
export function checkDemoReport(report: BenchReport): string[] {
  const problems: string[] = [];
  const time = (name: string) => report.comparisons.find((c) => c.benchmark === name && c.metric === 'time');
  const sort = time('sort');
  if (!sort) problems.push('no `sort` row in the report');
  else if (sort.verdict !== 'slower') problems.push(`\`sort\` should be slower, got ${sort.verdict}`);
  for (const name of ['parse', 'hash']) {
    const row = time(name);
    if (!row) problems.push(`no \`${name}\` row in the report`);
    else if (row.verdict === 'faster' || row.verdict === 'slower')
      problems.push(`\`${name}\` should not be flagged, got ${row.verdict}`);
  }
  return problems;
}
