import type { Logger } from 'pino';
import { createRedactor } from '../domain/redact.ts';

/** What the process does after logging a fault. */
export interface FaultHandlerOptions {
  log: Logger;
  /** The process's own secrets (webhook secret, private key, Redis URL, dashboard password…): never logged. */
  secrets: readonly string[];
  /** Called once after an uncaught exception was logged: close what can be closed, then exit non-zero. */
  fatal: (error: unknown) => void;
}

/**
 * Makes a bad promise or a stray throw visible instead of silent (RL4 of the reliability audit):
 * - `unhandledRejection`: logged at error (redacted) with the reason, and the process keeps serving. Node's default
 *   since v15 is to crash, which would take the webhook server and every in-process worker down with one forgotten
 *   `await`; a rejected promise leaves no half-done state of its own, so going on is safe.
 * - `uncaughtException`: logged at fatal (redacted), then `fatal` (a graceful close and exit 1). Node's docs say a
 *   process is not safe to resume after one, so the supervisor (Docker, systemd) restarts it; BullMQ hands the
 *   jobs it held to another worker once their locks expire.
 * Returns a function that removes the handlers (tests, and a second start in one process).
 */
export function installFaultHandlers({ log, secrets, fatal }: FaultHandlerOptions): () => void {
  const redact = createRedactor(secrets);
  const describe = (error: unknown) => redact(error instanceof Error ? (error.stack ?? error.message) : String(error));
  let failed = false;
  const onRejection = (reason: unknown) => {
    log.error({ err: describe(reason) }, 'unhandled promise rejection (the process keeps running)');
  };
  const onException = (error: unknown) => {
    log.fatal({ err: describe(error) }, 'uncaught exception: shutting down');
    if (failed) return;
    failed = true;
    fatal(error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
