import { pino, type Logger } from 'pino';
import type { AppEnv } from '../config/app-env.ts';

/** The process logger (Probot uses pino too); secrets never reach it: only ids and static messages are logged. */
export function createLogger(level: AppEnv['logLevel']): Logger {
  return pino({
    level,
    base: { app: 'perfbot' },
    redact: ['*.token', '*.privateKey', '*.password', 'headers.authorization'],
  });
}
