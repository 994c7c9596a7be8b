import { readFileSync } from 'node:fs';
import { codeSpan } from '../reports/code-span.ts';
import { sanitizeUntrustedText } from '../webhooks/sanitize-untrusted-text.ts';
import { stripInvisibleCharacters } from '../webhooks/strip-invisible-characters.ts';
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
import { untrustedDataBlock } from './untrusted-data-block.ts';

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
 * UNTRUSTED DATA: prose is sanitized with `sanitizeUntrustedText`; code (diffs, test output) only loses invisible
 * characters, so it stays exact. Pure apart from reading the template file.
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
        figures: untrustedDataBlock(MEASURED, reviewer.figures.trim()),
        diff: untrustedDataBlock('the proposed change, as a unified diff', cutCode(reviewer.diff, MAX_DIFF, 'head')),
      };
    }
  }
}

function baseValues(variables: PromptBase): Record<string, string> {
  const { subject } = variables;
  const focus = variables.focus === undefined ? '' : sanitizeUntrustedText(variables.focus, MAX_FOCUS);
  const title = sanitizeUntrustedText(subject.title, MAX_TITLE);
  const request = `#${subject.number} ${title}\n\n${sanitizeUntrustedText(subject.body)}`;
  return {
    repository: variables.repository,
    subject: `${subject.kind} #${subject.number}`,
    allowed_paths: variables.allowedPaths.map((glob) => `  - ${codeSpan(glob)}`).join('\n'),
    targets:
      variables.targets.length === 0
        ? '- None set: make the benchmarks faster where it is safe.'
        : variables.targets.map((target) => `- ${target}`).join('\n'),
    baseline: untrustedDataBlock(MEASURED, variables.baselineTable.trim()),
    pull_request: untrustedDataBlock(`the ${subject.kind}'s title and description`, request.trim()),
    focus:
      focus === ''
        ? ''
        : `## Focus requested by the user\n${untrustedDataBlock('the /perf optimize request of the user', focus)}`,
  };
}

function renderIterations(iterations: readonly IterationRecord[]): string {
  if (iterations.length === 0) return 'None yet: this is the first iteration.';
  const lines = iterations.map(
    (record) =>
      `Iteration ${record.iteration} (${record.outcome}): ${sanitizeUntrustedText(record.summary, MAX_SUMMARY)}`,
  );
  return untrustedDataBlock(
    "the optimizer's summaries of earlier iterations, with Perfbot's outcome",
    lines.join('\n'),
  );
}

/** CI failures of the last pushed commit: the next analysis must account for them (MONITOR → ANALYZE). */
function renderCiFailures(failures: readonly { name: string; summary: string }[]): string {
  if (failures.length === 0) return '';
  const lines = failures.map(
    (f) => `- ${sanitizeUntrustedText(f.name, MAX_TITLE)}: ${cutCode(f.summary, MAX_SUMMARY, 'tail')}`,
  );
  return `\n\nCI failed on the last pushed commit. Find out why and plan a change that keeps the speed-up and passes CI.\n${untrustedDataBlock('the failed CI checks and their output summaries', lines.join('\n'))}`;
}

/** The baseline's profile as data (its function names and paths are the repository's); or why there is none. */
function renderProfile(profile: ProfileForPrompt): string {
  if (profile.status === 'missing') return `None: ${sanitizeUntrustedText(profile.reason, MAX_SUMMARY)}.`;
  const text = cutCode(profile.text, MAX_PROFILE, 'head');
  return untrustedDataBlock(
    'a CPU profile of the benchmark command on the starting commit, taken by Perfbot; the function names and paths come from the repository',
    text,
  );
}

function renderAnalysis(analysis: AnalyzerOutput): string {
  const lines = [sanitizeUntrustedText(analysis.summary, MAX_SUMMARY), ''];
  analysis.bottlenecks.forEach((bottleneck, index) => {
    const file = bottleneck.file === undefined ? '' : ` (${sanitizeUntrustedText(bottleneck.file, MAX_TITLE)})`;
    const title = sanitizeUntrustedText(bottleneck.title, MAX_TITLE);
    lines.push(`${index + 1}. ${title}${file}: ${sanitizeUntrustedText(bottleneck.detail, MAX_SUMMARY)}`);
  });
  return untrustedDataBlock("the analyzer agent's findings", lines.join('\n').trim());
}

function renderFixList(variables: OptimizerPromptVariables): string {
  const sections: string[] = [];
  if (variables.testFailures !== undefined && variables.testFailures.trim() !== '') {
    sections.push(
      'The tests fail after the last change. Fix the cause (or undo the change) without weakening any test.',
      untrustedDataBlock(
        "output of the repository's failing tests",
        cutCode(variables.testFailures, MAX_TEST_OUTPUT, 'tail'),
      ),
    );
  }
  const findings = variables.findingsToFix ?? [];
  if (findings.length > 0) {
    sections.push(
      'Reviewers found these problems in the last change. Fix each of them.',
      untrustedDataBlock('review findings', findings.map(renderFinding).join('\n')),
    );
  }
  return sections.length === 0 ? 'Nothing.' : sections.join('\n\n');
}

function renderFinding(finding: ReviewFinding): string {
  const line = finding.line === undefined ? '' : `:${finding.line}`;
  const place = finding.file === undefined ? '' : ` (${sanitizeUntrustedText(finding.file, MAX_TITLE)}${line})`;
  const title = sanitizeUntrustedText(finding.title, MAX_TITLE);
  return `- [${finding.severity}] ${title}${place}: ${sanitizeUntrustedText(finding.detail, MAX_SUMMARY)}`;
}

/** Code and tool output stay exact apart from invisible characters; cut to `max`, keeping the head or the tail. */
function cutCode(text: string, max: number, keep: 'head' | 'tail'): string {
  const visible = stripInvisibleCharacters(text.replace(/\r\n?/g, '\n')).trimEnd();
  if (visible.length <= max) return visible;
  const note = `[… cut: ${visible.length - max} more characters …]`;
  return keep === 'head' ? `${visible.slice(0, max)}\n${note}` : `${note}\n${visible.slice(-max)}`;
}
