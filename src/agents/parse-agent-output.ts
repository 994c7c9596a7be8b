import { formatKeyPath } from '../config/format-key-path.ts';
import type { AgentOutputByRole, AgentRole } from './agent.ts';
import { AGENT_OUTPUT_SCHEMAS } from './agent-output.ts';

export type ParsedAgentOutput<R extends AgentRole> =
  { ok: true; output: AgentOutputByRole[R] } | { ok: false; error: string };

/** How much of an invalid output to quote back in an error (and in the retry prompt). */
const MAX_ISSUES = 5;

/**
 * Parses and validates an agent's JSON result for its role. The error says what to fix in words an agent
 * can act on (it is appended to the retry prompt): `not valid JSON: …` or `bottlenecks[0].detail: …`.
 */
export function parseAgentOutput<R extends AgentRole>(role: R, jsonText: string): ParsedAgentOutput<R> {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (error) {
    return { ok: false, error: `the result is not valid JSON (${(error as Error).message})` };
  }
  const result = AGENT_OUTPUT_SCHEMAS[role].safeParse(data);
  if (result.success) return { ok: true, output: result.data as AgentOutputByRole[R] };
  const issues = result.error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = formatKeyPath(issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))));
    return `${path === '' ? 'the result' : path}: ${issue.message}`;
  });
  const more = result.error.issues.length > MAX_ISSUES ? ` (and ${result.error.issues.length - MAX_ISSUES} more)` : '';
  return { ok: false, error: `the result does not match the ${role} format: ${issues.join('; ')}${more}` };
}
