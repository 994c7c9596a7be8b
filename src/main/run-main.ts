import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readAppEnv, readRegistrationEnv, type RegistrationEnv } from '../config/app-env.ts';
import { createRegistrationServer } from '../server/app-registration.ts';
import { isPerfbotError } from '../domain/errors.ts';
import { createLogger } from './create-logger.ts';
import { installFaultHandlers } from './install-fault-handlers.ts';
import { startPerfbot } from './start-perfbot.ts';

/**
 * Process entry for `npm start` (webhook server + in-process workers) and `npm run worker` (workers only):
 * starts, then stops gracefully on SIGTERM/SIGINT and exits 0. Bad configuration or an unreachable Redis
 * prints what to fix and exits 1. `npm start` in development with no app configured serves the registration page
 * (GitHub's manifest flow) instead; in production (`NODE_ENV=production`) it refuses to start unconfigured.
 */
export async function runMain(mode: 'server' | 'worker'): Promise<void> {
  // Not configured through the environment: read `.env` (where registration writes the new app's credentials),
  // as Probot does. Variables already set win over the file.
  if (!process.env.APP_ID && existsSync('.env')) process.loadEnvFile('.env');
  const registration = mode === 'server' ? readRegistrationEnv(process.env, process.cwd()) : undefined;
  if (registration !== undefined) return serveRegistration(registration);
  let env;
  try {
    env = readAppEnv(process.env);
  } catch (error) {
    process.stderr.write(`perfbot: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(env.logLevel);
  let running: Awaited<ReturnType<typeof startPerfbot>> | undefined;
  const secrets = [env.privateKey, env.webhookSecret, env.redisUrl, env.dashboard?.password ?? ''];
  installFaultHandlers({
    log,
    secrets,
    fatal: () => {
      // Give the graceful close a bounded time: a process in an unknown state must not hang on it.
      setTimeout(() => process.exit(1), 5_000).unref();
      void (running?.close() ?? Promise.resolve()).finally(() => process.exit(1));
    },
  });
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
    void (running?.close() ?? Promise.resolve()).then(
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

/** Development without an app: serve the registration page (the manifest flow) until stopped. */
function serveRegistration(env: RegistrationEnv): void {
  const log = createLogger('info');
  const appYml = readFileSync(path.resolve(import.meta.dirname, '../../app.yml'), 'utf8');
  const server = createRegistrationServer({ env, appYml, log });
  server.listen(env.port, env.host, () => {
    log.info(
      { port: env.port },
      `Perfbot is not registered yet: open http://localhost:${env.port}/probot to create its GitHub App`,
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
