import { readAppEnv } from '../config/app-env.ts';
import { isPerfbotError } from '../domain/errors.ts';
import { createLogger } from './create-logger.ts';
import { startPerfbot } from './start-perfbot.ts';

/**
 * Process entry for `npm start` (webhook server + in-process workers) and `npm run worker` (workers only):
 * starts, then stops gracefully on SIGTERM/SIGINT and exits 0. Bad configuration or an unreachable Redis
 * prints what to fix and exits 1.
 */
export async function runMain(mode: 'server' | 'worker'): Promise<void> {
  let env;
  try {
    env = readAppEnv(process.env);
  } catch (error) {
    process.stderr.write(`perfbot: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(env.logLevel);
  let running;
  try {
    running = await startPerfbot(env, { server: mode === 'server', worker: true, log });
  } catch (error) {
    const message = isPerfbotError(error) ? error.message : String((error as Error).stack ?? error);
    process.stderr.write(`perfbot: ${message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    void running.close().then(
      () => process.exit(0),
      (error: Error) => {
        log.error({ err: error.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
