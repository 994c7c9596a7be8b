import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../domain/errors.ts';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The app's environment, read once at start-up by the composition root. Nothing else reads process.env. */
const RawAppEnv = z.object({
  APP_ID: z.string().regex(/^\d+$/, 'expected the numeric App ID from the app settings page'),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  WEBHOOK_SECRET: z.string().optional(),
  PORT: positiveInt(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  GHE_HOST: z.string().optional(),
  GHE_PROTOCOL: z.enum(['https', 'http']).default('https'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  PERFBOT_WORK_DIR: z.string().default(path.join(os.tmpdir(), 'perfbot')),
  PERFBOT_CONCURRENCY: positiveInt(1),
  PERFBOT_REPO_CONCURRENCY: positiveInt(1),
  PERFBOT_INTAKE_CONCURRENCY: positiveInt(8),
  PERFBOT_SHUTDOWN_GRACE_SECONDS: positiveInt(30),
  PERFBOT_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('perfbot'),
  PERFBOT_BOT_LOGIN: z.string().optional(),
  PERFBOT_DASHBOARD_USER: z.string().optional(),
  PERFBOT_DASHBOARD_PASSWORD: z.string().optional(),
  PERFBOT_CONFIG: z.string().optional(),
});

export interface AppEnv {
  appId: string;
  privateKey: string;
  webhookSecret: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof RawAppEnv>['LOG_LEVEL'];
  /** REST base URL: github.com's, or `<protocol>://<GHE_HOST>/api/v3` for GitHub Enterprise Server. */
  githubBaseUrl: string;
  redisUrl: string;
  workDir: string;
  concurrency: number;
  repoConcurrency: number;
  intakeConcurrency: number;
  shutdownGraceMs: number;
  queuePrefix: string;
  /** The app's own login (`<slug>[bot]`); its own comments never trigger it. */
  botLogin?: string;
  dashboard?: { user: string; password: string };
  operatorConfigPath?: string;
}

/**
 * Parses and checks the environment. Refuses to start without a real webhook secret (Probot would silently
 * fall back to "development", accepting forged deliveries signed with that well-known string).
 * @throws UsageError naming every missing or invalid variable.
 */
export function readAppEnv(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): AppEnv {
  const parsed = RawAppEnv.safeParse(env);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const raw = parsed.success ? parsed.data : undefined;
  const secret = env.WEBHOOK_SECRET ?? '';
  if (secret === '' || secret === 'development') {
    problems.push('WEBHOOK_SECRET: set it to the webhook secret of your GitHub App (a long random string); "development" and empty values are refused');
  }
  let privateKey = env.PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (!privateKey && env.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFile(env.PRIVATE_KEY_PATH);
    } catch (error) {
      problems.push(`PRIVATE_KEY_PATH: cannot read ${env.PRIVATE_KEY_PATH} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (!privateKey && !env.PRIVATE_KEY_PATH) problems.push('PRIVATE_KEY or PRIVATE_KEY_PATH: the GitHub App private key (PEM) is required');
  else if (privateKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) problems.push('PRIVATE_KEY: not a PEM private key (expected "-----BEGIN RSA PRIVATE KEY-----")');
  if (Boolean(env.PERFBOT_DASHBOARD_USER) !== Boolean(env.PERFBOT_DASHBOARD_PASSWORD)) {
    problems.push('PERFBOT_DASHBOARD_USER and PERFBOT_DASHBOARD_PASSWORD: set both to enable the queue dashboard, or neither');
  }
  if (problems.length > 0 || !raw || !privateKey) {
    throw new UsageError(`cannot start Perfbot; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return {
    appId: raw.APP_ID,
    privateKey,
    webhookSecret: secret,
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    githubBaseUrl: raw.GHE_HOST ? `${raw.GHE_PROTOCOL}://${raw.GHE_HOST}/api/v3` : 'https://api.github.com',
    redisUrl: raw.REDIS_URL,
    workDir: raw.PERFBOT_WORK_DIR,
    concurrency: raw.PERFBOT_CONCURRENCY,
    repoConcurrency: raw.PERFBOT_REPO_CONCURRENCY,
    intakeConcurrency: raw.PERFBOT_INTAKE_CONCURRENCY,
    shutdownGraceMs: raw.PERFBOT_SHUTDOWN_GRACE_SECONDS * 1000,
    queuePrefix: raw.PERFBOT_QUEUE_PREFIX,
    botLogin: raw.PERFBOT_BOT_LOGIN,
    dashboard: raw.PERFBOT_DASHBOARD_USER && raw.PERFBOT_DASHBOARD_PASSWORD ? { user: raw.PERFBOT_DASHBOARD_USER, password: raw.PERFBOT_DASHBOARD_PASSWORD } : undefined,
    operatorConfigPath: raw.PERFBOT_CONFIG,
  };
}
