import { readFileSync } from 'node:fs';
import { forPrompt, forPromptCode, promptDataBlock } from '../domain/untrusted-text.ts';
import { codeSpan } from '../reports/markdown.ts';
import type { AgentRole } from './agent.ts';
import type { AnalyzerOutput, ReviewFinding } from './agent-output.ts';
import { fillTemplate } from './fill-template.ts';
import type {
  AnalyzerPromptVariables,
  IterationRecord,
  OptimizerPromptVariables,
  PromptBase,
  ProfileForPrompt,
  PromptVariables,
  ReviewerPromptVariables,
} from './prompt-variables.ts';
import { reviewerFocus, reviewerName } from './reviewer-focus.ts';

/** Caps on untrusted text, in characters: enough to be useful, small enough to keep a prompt bounded. */
const MAX_TITLE = 300;
const MAX_FOCUS = 500;
const MAX_SUMMARY = 2000;
const MAX_DIFF = 60_000;
const MAX_TEST_OUTPUT = 8000;
const MAX_PROFILE = 12_000;
const MEASURED = 'benchmark results measured by Perfbot; the benchmark names come from the repository';

/**
 * Renders the prompt for a role from its template in `src/agents/prompts/` (`reviewer.md` serves every reviewer
 * kind). Text from pull requests, issues, users, agents and the repository's own output goes in as fenced
 * UNTRUSTED DATA (see `promptDataBlock`): prose is sanitized with `forPrompt`; code (diffs, test output)
 * only loses invisible characters (see `forPromptCode`), so it stays exact. Pure apart from reading the template
 * file.
 */
export function renderPrompt<R extends AgentRole>(role: R, variables: PromptVariables<R>): string {
  const template = readFileSync(new URL(`./prompts/${role}.md`, import.meta.url), 'utf8');
  const values = { ...baseValues(variables), ...roleValues(role, variables) };
  return `${fillTemplate(template, values)
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function roleValues(role: AgentRole, variables: PromptVariables<AgentRole>): Record<string, string> {
  switch (role) {
    case 'analyzer': {
      const analyzer = variables as AnalyzerPromptVariables;
      return {
        iterations: renderIterations(analyzer.iterations) + renderCiFailures(analyzer.ciFailures ?? []),
        profile: renderProfile(analyzer.profile),
      };
    }
    case 'optimizer': {
      const optimizer = variables as OptimizerPromptVariables;
      return {
        iterations: renderIterations(optimizer.iterations),
        analysis: renderAnalysis(optimizer.analysis),
        fix_list: renderFixList(optimizer),
      };
    }
    case 'reviewer': {
      const reviewer = variables as ReviewerPromptVariables;
      return {
        reviewer: reviewerName(reviewer.reviewer, reviewer.language),
        reviewer_focus: reviewerFocus(reviewer.reviewer, reviewer.language)
          .map((item) => `  - ${item}`)
          .join('\n'),
        figures: promptDataBlock(MEASURED, reviewer.figures.trim()),
        diff: promptDataBlock('the proposed change, as a unified diff', forPromptCode(reviewer.diff, MAX_DIFF, 'head')),
      };
    }
  }
}

function baseValues(variables: PromptBase): Record<string, string> {
  const { subject } = variables;
  const focus = variables.focus === undefined ? '' : forPrompt(variables.focus, MAX_FOCUS);
  const title = forPrompt(subject.title, MAX_TITLE);
  const request = `#${subject.number} ${title}\n\n${forPrompt(subject.body)}`;
  return {
    repository: variables.repository,
    subject: `${subject.kind} #${subject.number}`,
    allowed_paths: variables.allowedPaths.map((glob) => `  - ${codeSpan(glob)}`).join('\n'),
    targets:
      variables.targets.length === 0
        ? '- None set: make the benchmarks faster where it is safe.'
        : variables.targets.map((target) => `- ${target}`).join('\n'),
    baseline: promptDataBlock(MEASURED, variables.baselineTable.trim()),
    pull_request: promptDataBlock(`the ${subject.kind}'s title and description`, request.trim()),
    focus:
      focus === ''
        ? ''
        : `## Focus requested by the user\n${promptDataBlock('the /perf optimize request of the user', focus)}`,
  };
}

function renderIterations(iterations: readonly IterationRecord[]): string {
  if (iterations.length === 0) return 'None yet: this is the first iteration.';
  const lines = iterations.map(
    (record) => `Iteration ${record.iteration} (${record.outcome}): ${forPrompt(record.summary, MAX_SUMMARY)}`,
  );
  return promptDataBlock("the optimizer's summaries of earlier iterations, with Perfbot's outcome", lines.join('\n'));
}

/** CI failures of the last pushed commit: the next analysis must account for them (MONITOR → ANALYZE). */
function renderCiFailures(failures: readonly { name: string; summary: string }[]): string {
  if (failures.length === 0) return '';
  const lines = failures.map(
    (f) => `- ${forPrompt(f.name, MAX_TITLE)}: ${forPromptCode(f.summary, MAX_SUMMARY, 'tail')}`,
  );
  return `\n\nCI failed on the last pushed commit. Find out why and plan a change that keeps the speed-up and passes CI.\n${promptDataBlock('the failed CI checks and their output summaries', lines.join('\n'))}`;
}

/** The baseline's profile as data (its function names and paths are the repository's); or why there is none. */
function renderProfile(profile: ProfileForPrompt): string {
  if (profile.status === 'missing') return `None: ${forPrompt(profile.reason, MAX_SUMMARY)}.`;
  const text = forPromptCode(profile.text, MAX_PROFILE, 'head');
  return promptDataBlock(
    'a CPU profile of the benchmark command on the starting commit, taken by Perfbot; the function names and paths come from the repository',
    text,
  );
}

function renderAnalysis(analysis: AnalyzerOutput): string {
  const lines = [forPrompt(analysis.summary, MAX_SUMMARY), ''];
  analysis.bottlenecks.forEach((bottleneck, index) => {
    const file = bottleneck.file === undefined ? '' : ` (${forPrompt(bottleneck.file, MAX_TITLE)})`;
    const title = forPrompt(bottleneck.title, MAX_TITLE);
    lines.push(`${index + 1}. ${title}${file}: ${forPrompt(bottleneck.detail, MAX_SUMMARY)}`);
  });
  return promptDataBlock("the analyzer agent's findings", lines.join('\n').trim());
}

function renderFixList(variables: OptimizerPromptVariables): string {
  const sections: string[] = [];
  if (variables.testFailures !== undefined && variables.testFailures.trim() !== '') {
    sections.push(
      'The tests fail after the last change. Fix the cause (or undo the change) without weakening any test.',
      promptDataBlock(
        "output of the repository's failing tests",
        forPromptCode(variables.testFailures, MAX_TEST_OUTPUT, 'tail'),
      ),
    );
  }
  const findings = variables.findingsToFix ?? [];
  if (findings.length > 0) {
    sections.push(
      'Reviewers found these problems in the last change. Fix each of them.',
      promptDataBlock('review findings', findings.map(renderFinding).join('\n')),
    );
  }
  return sections.length === 0 ? 'Nothing.' : sections.join('\n\n');
}

function renderFinding(finding: ReviewFinding): string {
  const line = finding.line === undefined ? '' : `:${finding.line}`;
  const place = finding.file === undefined ? '' : ` (${forPrompt(finding.file, MAX_TITLE)}${line})`;
  const title = forPrompt(finding.title, MAX_TITLE);
  return `- [${finding.severity}] ${title}${place}: ${forPrompt(finding.detail, MAX_SUMMARY)}`;
}
