import type { InstructionMethod } from '../../benchmark/instructions/instruction-counter.ts';
import { codeSpan, escapeMarkdownText } from '../markdown.ts';
import { formatPercent, formatValue } from '../format.ts';

const COUNTER_NAMES: Record<InstructionMethod['counter'], string> = {
  perf: 'perf stat (hardware counter)',
  cachegrind: 'Valgrind cachegrind',
};

/**
 * The sentence under the table of an instruction-count run: which counter, and what instruction counts cannot see,
 * so a reader weighs them against the wall time shown beside them.
 */
export function renderInstructionNote(method: InstructionMethod): string {
  return (
    `_Verdicts are on instruction counts (${COUNTER_NAMES[method.counter]}), noise band ±${formatPercent(method.noiseBand)}. ` +
    'Instruction counts ignore cache misses, branch mispredictions and I/O: a change that only moves those shows in wall time, which is measured beside them in separate runs._'
  );
}

/** The "How we measured" items of an instruction-count run: the counter, the runtime's mode, how counts were attributed. */
export function renderInstructionMethod(method: InstructionMethod): string[] {
  const { startup } = method;
  const attributed =
    startup === undefined
      ? 'the whole process tree, nothing subtracted (a native program: no runtime start-up to remove)'
      : `the whole process tree minus the runtime's start-up, measured once per side by ${codeSpan(startup.command, 'text', 200)} ` +
        `(base ${formatValue(startup.base, 'instructions')}, head ${formatValue(startup.head, 'instructions')}); the change shown is that of the rest`;
  return [
    `- **Instructions:** counted by ${escapeMarkdownText(method.description)}, in a separate run of each invocation (the counter slows the program down, so wall time comes from its own runs)`,
    `- **Attributed to:** ${attributed}`,
    ...(method.runtime === undefined ? [] : [`- **Runtime:** ${escapeMarkdownText(method.runtime)}`]),
  ];
}
