import type { BenchReport } from '../../benchmark/bench-report.ts';
import { REVIEW_SEVERITIES, type ReviewSeverity } from '../../config/review-config.ts';
import { codeSpan, escapeMarkdownText, renderDetails } from '../../reports/markdown.ts';
import { formatConfidence, formatDuration } from '../../reports/format.ts';
import { renderBenchmarkTable } from '../../reports/bench-report/render-benchmark-table.ts';
import { renderGeomeanTable } from '../../reports/bench-report/render-geomean-table.ts';
import type { PrimaryChange, VerifySnapshot } from '../bench-snapshot.ts';
import { describeChange, describeInterval } from '../verify/describe-change.ts';
import type { PipelineState, StopInfo } from '../pipeline-state.ts';
import type { ConsolidatedFinding } from '../review-finding.ts';

export interface FinalReportInput {
  state: PipelineState;
  maxIterations: number;
  /** `review.blocking`, to count the blocking findings. */
  blocking: readonly ReviewSeverity[];
  /** The last VERIFY's benchmark report, for the before/after table; absent when none ran. */
  report?: BenchReport;
  /** Links built by the GitHub adapter (trusted); `patch`: the change was posted as a patch comment instead of pushed. */
  links?: { pullRequest?: string; commit?: string; patch?: string };
  /** When COMPLETE runs (ISO time), for the time spent. */
  endedAt: string;
  /** The operator-config agent that played every role: its name and type. */
  agent?: { name: string; type: string };
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
 * pull request, time, agent cost), the before/after table and the phase history; when the change was posted as
 * a patch (a fork's pull request), that nothing was pushed and so CI was not watched. A stopped run leads with where
 * and why it stopped, that the branch is kept for inspection, the blocking findings when the review stopped it,
 * and the best iteration (saying when the review blocked it). Ends with a newline.
 */
export function renderFinalReport(input: FinalReportInput): string {
  const { state } = input;
  const ciLabel = input.report === undefined ? 'CI' : `${formatConfidence(input.report.method.confidence)} CI`;
  const sections: string[] = [];
  if (state.stop === undefined) {
    sections.push('## ✅ Optimization complete');
    const result = state.confirmed ?? state.latest;
    if (result?.primary !== undefined) {
      const measured = state.confirmed === undefined ? '' : ' (the confirmation run on fresh trees, after the review)';
      sections.push(`**Result:** ${primaryWords(result.primary, ciLabel)}${measured}`);
    }
    if (input.links?.patch !== undefined) sections.push(patchDelivery(input.links.patch));
  } else {
    sections.push(
      `## ${TITLES[state.stop.kind]} during ${state.stop.phase}`,
      `**Why:** ${escapeMarkdownText(state.stop.reason, 1500)}`,
    );
    const pushed = state.pushed === true ? 'it was pushed, see the pull request below' : 'it was not pushed';
    sections.push(`The branch ${codeSpan(state.branch)} is kept for inspection (${pushed}).`);
    const blockingFindings =
      state.stop.phase === 'review'
        ? (state.reviewFindings ?? []).filter((finding) => input.blocking.includes(finding.severity))
        : [];
    if (blockingFindings.length > 0) sections.push(blockingList(blockingFindings));
    // The review's verdict goes with the figure: a change the reviewers blocked (benchmark gaming, wrong results)
    // must not read as a speed-up on offer.
    const blocked = blockingFindings.length > 0 && state.best?.iteration === state.iteration;
    // Stopped at CONFIRM: the figure that chose the change did not hold up, so it is shown as not confirmed.
    const unconfirmed =
      state.stop.phase === 'confirm' && state.confirmed?.primary !== undefined
        ? ` — not confirmed: measured again on fresh trees it was ${primaryWords(state.confirmed.primary, ciLabel)}`
        : '';
    if (state.iteration > 0)
      sections.push(
        bestLine(state.best, ciLabel) +
          (blocked ? ' — not committed: the review blocked this change' : '') +
          unconfirmed,
      );
  }
  sections.push(factsTable(input));
  if (input.report !== undefined) {
    const { confidence } = input.report.method;
    const table = renderBenchmarkTable(input.report.comparisons, { confidence });
    const geomean = renderGeomeanTable(input.report.geomean, confidence);
    const iteration =
      state.confirmed !== undefined
        ? ` (confirmation run of iteration ${state.confirmed.iteration})`
        : state.latest === undefined
          ? ''
          : ` (iteration ${state.latest.iteration})`;
    sections.push(
      `### Before and after${iteration}`,
      [table, geomean].filter((part) => part !== '').join('\n\n') || 'No comparisons.',
    );
  }
  if (state.history.length > 0) sections.push(renderDetails(`Phases (${state.history.length})`, historyTable(state)));
  return `${sections.join('\n\n')}\n`;
}

/**
 * A fork's pull request: nothing was pushed, so neither CI nor Perfbot's repair of CI failures (MONITOR) could
 * run; the contributor applies the patch, and CI runs on their push.
 */
function patchDelivery(url: string): string {
  return (
    `**Delivered as a patch:** this pull request comes from a fork, so Perfbot pushed nothing to this repository and opened no pull request. ` +
    `The verified change is [posted as a patch](${url}) for the contributor to apply and push. CI, and Perfbot's repair of CI failures, ` +
    'run only on a pushed commit, so they did not run here; CI runs when the contributor pushes the patch.'
  );
}

function primaryWords(primary: PrimaryChange, ciLabel: string): string {
  const subject = { metric: 'time', unit: 'ns' };
  const scope =
    primary.scope.kind === 'geomean'
      ? `geometric mean of ${primary.scope.count} benchmarks`
      : codeSpan(primary.scope.benchmark);
  return `${scope} ${describeChange(primary.change, subject)} (${ciLabel} ${describeInterval(primary.ci, subject)})`;
}

function blockingList(findings: readonly ConsolidatedFinding[]): string {
  const lines = findings
    .slice(0, 10)
    .map((finding) => `- [${finding.severity}] ${escapeMarkdownText(finding.title, 200)}`);
  if (findings.length > 10) lines.push(`- and ${findings.length - 10} more`);
  return `**Blocking review findings:**\n${lines.join('\n')}`;
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
    ['CI', input.links?.patch === undefined ? ciSummary(state) : 'not run: nothing was pushed (fork pull request)'],
  ];
  if (state.commitSha !== undefined) {
    const sha = codeSpan(state.commitSha.slice(0, 7), 'table');
    rows.push(['Commit', input.links?.commit === undefined ? sha : `[${sha}](${input.links.commit})`]);
  }
  if (state.prNumber !== undefined) {
    const pr = `#${state.prNumber}`;
    rows.push(['Pull request', input.links?.pullRequest === undefined ? pr : `[${pr}](${input.links.pullRequest})`]);
  }
  if (input.links?.patch !== undefined)
    rows.push(['Patch', `[posted as a comment](${input.links.patch}), nothing pushed`]);
  rows.push(['Time', formatDuration(Date.parse(input.endedAt) - Date.parse(state.startedAt))]);
  if (input.agent !== undefined) rows.push(['Agent', `${codeSpan(input.agent.name, 'table')} (${input.agent.type})`]);
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
  return ['| # | Phase | Iteration | Outcome | Took | Note |', '| --: | --- | --: | --- | --: | --- |', ...rows].join(
    '\n',
  );
}
