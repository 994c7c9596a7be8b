import type { ReviewFinding as AgentFinding } from '../agents/agent-output.ts';
import { ReviewFinding } from '../pipeline/review-finding.ts';

/**
 * A reviewer agent's finding in the shape the pipeline keeps (and bounds): title, file and detail are cut to
 * the checkpoint schema's limits, so one verbose agent cannot make the checkpoint invalid.
 */
export function toReviewFinding(finding: AgentFinding): ReviewFinding {
  return ReviewFinding.parse({
    severity: finding.severity,
    title: finding.title.slice(0, 500),
    ...(finding.file === undefined ? {} : { file: finding.file.slice(0, 1000) }),
    ...(finding.line === undefined ? {} : { line: finding.line }),
    detail: finding.detail.slice(0, 20_000),
  });
}
