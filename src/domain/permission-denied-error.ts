import { PerfbotError } from './errors.ts';

/** The requester (no longer) has the permission a command needs; checked at intake and again at job start. */
export class PermissionDeniedError extends PerfbotError {
  readonly userError = true;
  constructor(
    readonly login: string,
    readonly minimum: string,
  ) {
    super(`@${login} needs ${minimum} permission on this repository to run Perfbot`);
  }
}
