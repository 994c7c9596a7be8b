import type { PromptBase } from '../agents/prompt-variables.ts';
import { describeTargetGoal, describeTargetScope } from '../pipeline/init/describe-target.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';
import type { OptimizeContext } from './optimize-context.ts';
import { renderFiguresTable } from './render-figures-table.ts';

/** What every prompt of the run says: the request, the targets in words, the current figures, the allowed paths. */
export function buildPromptBase(ctx: OptimizeContext, state: PipelineState): PromptBase {
  const base: PromptBase = {
    repository: ctx.request.repository,
    subject: ctx.request.subject,
    targets: state.targets.map((target) => `${describeTargetScope(target)}: ${describeTargetGoal(target)}`),
    baselineTable: renderFiguresTable(state.baseline, state.latest),
    allowedPaths: ctx.config.optimize.allowedPaths,
  };
  if (ctx.request.focus !== undefined) base.focus = ctx.request.focus;
  return base;
}
