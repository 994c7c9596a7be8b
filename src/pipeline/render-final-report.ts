import type { BenchReport } from '../benchmark/bench-report.ts';
import { REVIEW_SEVERITIES, type ReviewSeverity } from '../config/review-config.ts';
import { codeSpan } from '../reports/code-span.ts';
import { escapeMarkdownText } from '../reports/escape-markdown-text.ts';
import { formatConfidence } from '../reports/format-confidence.ts';
import { formatDuration } from '../reports/format-duration.ts';
import { renderBenchmarkTable } from '../reports/render-benchmark-table.ts';
import { renderDetails } from '../reports/render-details.ts';
import { renderGeomeanTable } from '../reports/render-geomean-table.ts';
import type { PrimaryChange, VerifySnapshot } from './bench-snapshot.ts';
import { describeChange, describeInterval } from './describe-change.ts';
import type { PipelineState, StopInfo } from './pipeline-state.ts';

export interface FinalReportInput {
  state: PipelineState;
  maxIterations: number;
  /** `review.blocking`, to count the blocking findings. */
  blocking: readonly ReviewSeverity[];
  /** The last VERIFY's benchmark report, for the before/after table; absent when none ran. */
  report?: BenchReport;
  /** Links built by the GitHub adapter (trusted). */
  links?: { pullRequest?: string; commit?: string };
  /** When COMPLETE runs (ISO time), for the time spent. */
  endedAt: string;
}

const TITLES: Record<StopInfo['kind'], string> = {
  limit: '⏹️ Optimization stopped',
  'nothing-to-do': '⏹️ Optimization stopped',
  'ci-timeout': '⏹️ Optimization stopped',
  failed: '❌ Optimization failed',
  cancelled: '🚫 Optimization cancelled',
};

/**
 * The report COMPLETE posts. A completed run: the headline change, the facts (iterations, review, CI, commit,
 * pull request, time, agent cost), the before/after table and the phase history. A stopped run leads with where
 * and why it stopped, that the branch is kept for inspection, and the best iteration. Ends with a newline.
 */
export function renderFinalReport(input: FinalReportInput): string {
  const { state } = input;
  const ciLabel = input.report === undefined ? 'CI' : `${formatConfidence(input.report.method.confidence)} CI`;
  const sections: string[] = [];
  if (state.stop === undefined) {
    sections.push('## ✅ Optimization complete');
    if (state.latest?.primary !== undefined) sections.push(`**Result:** ${primaryWords(state.latest.primary, ciLabel)}`);
  } else {
    sections.push(`## ${TITLES[state.stop.kind]} during ${state.stop.phase}`, `**Why:** ${escapeMarkdownText(state.stop.reason, 1500)}`);
    const pushed = state.pushed === true ? 'it was pushed, see the pull request below' : 'it was not pushed';
    sections.push(`The branch ${codeSpan(state.branch)} is kept for inspection (${pushed}).`);
    if (state.iteration > 0) sections.push(bestLine(state.best, ciLabel));
  }
  sections.push(factsTable(input));
  if (input.report !== undefined) {
    const { confidence } = input.report.method;
    const table = renderBenchmarkTable(input.report.comparisons, { confidence });
    const geomean = renderGeomeanTable(input.report.geomean, confidence);
    const iteration = state.latest === undefined ? '' : ` (iteration ${state.latest.iteration})`;
    sections.push(`### Before and after${iteration}`, [table, geomean].filter((part) => part !== '').join('\n\n') || 'No comparisons.');
  }
  if (state.history.length > 0) sections.push(renderDetails(`Phases (${state.history.length})`, historyTable(state)));
  return `${sections.join('\n\n')}\n`;
}

function primaryWords(primary: PrimaryChange, ciLabel: string): string {
  const subject = { metric: 'time', unit: 'ns' };
  const scope = primary.scope.kind === 'geomean' ? `geometric mean of ${primary.scope.count} benchmarks` : codeSpan(primary.scope.benchmark);
  return `${scope} ${describeChange(primary.change, subject)} (${ciLabel} ${describeInterval(primary.ci, subject)})`;
}

function bestLine(best: VerifySnapshot | undefined, ciLabel: string): string {
  if (best?.primary === undefined) return '**Best iteration:** none with passing tests and a speed measurement.';
  return `**Best iteration:** ${best.iteration}, ${primaryWords(best.primary, ciLabel)}`;
}

function factsTable(input: FinalReportInput): string {
  const { state } = input;
  const rows: [string, string][] = [
    ['Iterations', `${state.iteration} of ${input.maxIterations}`],
    ['Review', reviewSummary(state, input.blocking)],
    ['CI', ciSummary(state)],
  ];
  if (state.commitSha !== undefined) {
    const sha = codeSpan(state.commitSha.slice(0, 7), 'table');
    rows.push(['Commit', input.links?.commit === undefined ? sha : `[${sha}](${input.links.commit})`]);
  }
  if (state.prNumber !== undefined) {
    const pr = `#${state.prNumber}`;
    rows.push(['Pull request', input.links?.pullRequest === undefined ? pr : `[${pr}](${input.links.pullRequest})`]);
  }
  rows.push(['Time', formatDuration(Date.parse(input.endedAt) - Date.parse(state.startedAt))]);
  rows.push(['Agent cost', `$${state.costUsd.toFixed(2)}`]);
  return ['| | |', '| --- | --- |', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
}

function reviewSummary(state: PipelineState, blocking: readonly ReviewSeverity[]): string {
  if (state.reviewRounds === 0) return 'not reached';
  const rounds = `${state.reviewRounds} ${state.reviewRounds === 1 ? 'round' : 'rounds'}`;
  const findings = state.reviewFindings ?? [];
  if (findings.length === 0) return `${rounds}, no findings`;
  const counts = REVIEW_SEVERITIES.flatMap((severity) => {
    const count = findings.filter((finding) => finding.severity === severity).length;
    return count === 0 ? [] : [`${count} ${severity}`];
  });
  const blocked = findings.filter((finding) => blocking.includes(finding.severity)).length;
  const noun = findings.length === 1 ? 'finding' : 'findings';
  return `${rounds}, ${findings.length} ${noun} (${counts.join(', ')}), ${blocked === 0 ? 'none' : blocked} blocking`;
}

function ciSummary(state: PipelineState): string {
  if (state.pushed !== true) return 'not watched: nothing was pushed';
  const last = state.history.filter((entry) => entry.phase === 'monitor').at(-1);
  if (last === undefined) return 'not watched yet';
  const result = last.outcome.replace(/^CI /, '');
  return `${result} (${state.ciRounds} ${state.ciRounds === 1 ? 'round' : 'rounds'})`;
}

function historyTable(state: PipelineState): string {
  const rows = state.history.map((entry, index) => {
    const took = formatDuration(Date.parse(entry.endedAt) - Date.parse(entry.startedAt));
    const note = entry.note === undefined ? '' : escapeMarkdownText(entry.note, 300);
    return `| ${index + 1} | ${entry.phase} | ${entry.iteration} | ${escapeMarkdownText(entry.outcome)} | ${took} | ${note} |`;
  });
  return ['| # | Phase | Iteration | Outcome | Took | Note |', '| --: | --- | --: | --- | --: | --- |', ...rows].join('\n');
}
