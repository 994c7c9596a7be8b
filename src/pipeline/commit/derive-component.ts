import { forMarkdownInline } from '../../domain/untrusted-text.ts';
import type { PipelineTarget } from '../pipeline-target.ts';

/** Longest component name in a commit subject (`perf: optimize <component>`). */
export const MAX_COMPONENT_LENGTH = 60;

/**
 * What the commit subject says was optimized: the analysis's own name for it when it gave one, otherwise the
 * literal part of the target globs (`parse/*` → `parse`), otherwise `performance`. Always one line without
 * control characters and at most {@link MAX_COMPONENT_LENGTH} characters: it goes into git history.
 */
export function deriveComponent(targets: readonly PipelineTarget[], analysisComponent?: string): string {
  const named = forMarkdownInline(analysisComponent ?? '', MAX_COMPONENT_LENGTH);
  if (named !== '') return named;
  const prefixes = targets.flatMap((target) =>
    target.kind === 'improve' || target.kind === 'reduceMemory' ? [literalPrefix(target.benchmark)] : [],
  );
  const distinct = [...new Set(prefixes.filter((prefix) => prefix !== ''))];
  const fromTargets = forMarkdownInline(distinct.join(', '), MAX_COMPONENT_LENGTH);
  return fromTargets === '' ? 'performance' : fromTargets;
}

/** The glob up to its first wildcard, without trailing separators: `parse/*` → `parse`, `*` → ``. */
function literalPrefix(glob: string): string {
  const wildcard = glob.search(/[*?[]/);
  const literal = wildcard === -1 ? glob : glob.slice(0, wildcard);
  return literal.replace(/[/._:-]+$/, '');
}
