import { PerfbotError, type ConfigIssue } from '../domain/errors.ts';

/**
 * The operator config (the YAML file named by `PERFBOT_CONFIG`) is missing, not YAML, or does not match the
 * schema. The operator must fix it; the pull request author cannot, so this is not a user error.
 */
export class OperatorConfigError extends PerfbotError {
  readonly userError = false;
  constructor(
    message: string,
    readonly issues: ConfigIssue[] = [],
    readonly file?: string,
  ) {
    super(message);
  }
}
