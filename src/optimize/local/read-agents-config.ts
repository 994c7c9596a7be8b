import { loadOperatorConfig, OPERATOR_CONFIG_VARIABLE } from '../../agents/load-operator-config.ts';
import { OperatorConfigError, UsageError } from '../../domain/errors.ts';
import type { OperatorConfig } from '../../agents/operator-config.ts';

/**
 * The agents a local run may use: `--agents-config FILE`, else the file `PERFBOT_CONFIG` names. On the command
 * line the operator is the user, so a missing or invalid file is bad input (exit 2), not an operator error.
 */
export async function readAgentsConfig(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<OperatorConfig> {
  const file = explicit ?? env[OPERATOR_CONFIG_VARIABLE];
  if (file === undefined || file === '') {
    throw new UsageError(
      `optimize runs AI agents, and none are configured: pass --agents-config FILE or set ${OPERATOR_CONFIG_VARIABLE}=FILE ` +
        '(a YAML file with `agents:` naming at least one agent, see src/agents/README.md)',
    );
  }
  try {
    return await loadOperatorConfig(file);
  } catch (error) {
    if (error instanceof OperatorConfigError) throw new UsageError(error.message);
    throw error;
  }
}
