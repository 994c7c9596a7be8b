import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../domain/errors.ts';
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from '../sandbox/sandbox.ts';

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
  PERFBOT_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(0, 'expected the number of run jobs this process runs at once (0: none, a webhook-only server)')
    .default(1),
  PERFBOT_RUN_LOCK_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
  PERFBOT_GITHUB_WRITE_SPACING_MS: z.coerce
    .number()
    .int()
    .min(
      0,
      'expected the milliseconds between two writes to GitHub (1000 unless your GitHub Enterprise Server allows more)',
    )
    .default(1000),
  PERFBOT_REPO_CONCURRENCY: positiveInt(1),
  PERFBOT_INTAKE_CONCURRENCY: positiveInt(8),
  PERFBOT_SHUTDOWN_GRACE_SECONDS: positiveInt(30),
  PERFBOT_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('perfbot'),
  PERFBOT_BOT_LOGIN: z.string().optional(),
  PERFBOT_DASHBOARD_USER: z.string().optional(),
  PERFBOT_DASHBOARD_PASSWORD: z.string().optional(),
  PERFBOT_CONFIG: z.string().optional(),
  PERFBOT_SANDBOX: z.enum(['bubblewrap', 'none'], 'expected bubblewrap (the default) or none').default('bubblewrap'),
  PERFBOT_SANDBOX_READ_ONLY: z.string().default(''),
  PERFBOT_BWRAP: z.string().startsWith('/', 'expected an absolute path to bwrap').optional(),
  PERFBOT_REDELIVERY_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(0, 'expected seconds between sweeps, or 0 to turn the sweeper off')
    .default(300),
  PERFBOT_REDELIVERY_LOOKBACK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(3 * 24 * 60, 'GitHub keeps deliveries for 3 days')
    .default(120),
  PERFBOT_REDELIVERY_MAX_PAGES: positiveInt(10),
  PERFBOT_MAX_PROCESSES: positiveInt(DEFAULT_SANDBOX_LIMITS.processes),
  PERFBOT_MAX_MEMORY_MB: positiveInt(DEFAULT_SANDBOX_LIMITS.memoryBytes / 2 ** 20),
  PERFBOT_MAX_DISK_MB: positiveInt(DEFAULT_SANDBOX_LIMITS.diskBytes / 2 ** 20),
  PERFBOT_MAX_OUTPUT_MB: positiveInt(DEFAULT_SANDBOX_LIMITS.outputBytes / 2 ** 20),
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
  /** Web URL: `https://github.com`, or `<protocol>://<GHE_HOST>`; clone URLs are built from it (GHES over http too). */
  githubWebUrl: string;
  redisUrl: string;
  workDir: string;
  /** Run jobs this process runs at once; 0 runs none (a server that only takes webhooks and does intake). */
  concurrency: number;
  /** How long a run job's lock lasts without renewal: after it, another worker takes the job over. */
  runLockMs: number;
  /**
   * The least time between two writes of one installation (GitHub asks for one second, three before a write that
   * notifies, like a comment); lower only for a GitHub Enterprise Server whose rate limits allow it.
   */
  githubWriteSpacingMs: number;
  repoConcurrency: number;
  intakeConcurrency: number;
  shutdownGraceMs: number;
  queuePrefix: string;
  /** The app's own login (`<slug>[bot]`); its own comments never trigger it. */
  botLogin?: string;
  dashboard?: { user: string; password: string };
  operatorConfigPath?: string;
  /**
   * The sweeper that redelivers webhooks GitHub failed to deliver (GitHub never retries on its own); absent when
   * `PERFBOT_REDELIVERY_INTERVAL_SECONDS=0`. It reads at most `maxPages` pages of 100 deliveries per sweep.
   */
  redelivery?: { intervalMs: number; lookbackMs: number; maxPages: number };
  /** How PR code is isolated; `none` only by the operator's explicit choice, and every report says so. */
  sandbox: { mode: 'bubblewrap' | 'none'; extraReadOnly: string[]; limits: SandboxLimits; bwrap?: string };
}

/**
 * Parses and checks the environment. Refuses to start without a real webhook secret (Probot would silently
 * fall back to "development", accepting forged deliveries signed with that well-known string).
 * @throws UsageError naming every missing or invalid variable.
 */
export function readAppEnv(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): AppEnv {
  const parsed = RawAppEnv.safeParse(env);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const raw = parsed.success ? parsed.data : undefined;
  const secret = env.WEBHOOK_SECRET ?? '';
  if (secret === '' || secret === 'development') {
    problems.push(
      'WEBHOOK_SECRET: set it to the webhook secret of your GitHub App (a long random string); "development" and empty values are refused',
    );
  }
  let privateKey = env.PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (!privateKey && env.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFile(env.PRIVATE_KEY_PATH);
    } catch (error) {
      problems.push(
        `PRIVATE_KEY_PATH: cannot read ${env.PRIVATE_KEY_PATH} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  if (!privateKey && !env.PRIVATE_KEY_PATH)
    problems.push('PRIVATE_KEY or PRIVATE_KEY_PATH: the GitHub App private key (PEM) is required');
  else if (privateKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey))
    problems.push('PRIVATE_KEY: not a PEM private key (expected "-----BEGIN RSA PRIVATE KEY-----")');
  if (Boolean(env.PERFBOT_DASHBOARD_USER) !== Boolean(env.PERFBOT_DASHBOARD_PASSWORD)) {
    problems.push(
      'PERFBOT_DASHBOARD_USER and PERFBOT_DASHBOARD_PASSWORD: set both to enable the queue dashboard, or neither',
    );
  }
  if (problems.length > 0 || !raw || !privateKey) {
    throw new UsageError(
      `cannot start Perfbot; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    appId: raw.APP_ID,
    privateKey,
    webhookSecret: secret,
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    githubBaseUrl: raw.GHE_HOST ? `${raw.GHE_PROTOCOL}://${raw.GHE_HOST}/api/v3` : 'https://api.github.com',
    githubWebUrl: raw.GHE_HOST ? `${raw.GHE_PROTOCOL}://${raw.GHE_HOST}` : 'https://github.com',
    redisUrl: raw.REDIS_URL,
    workDir: raw.PERFBOT_WORK_DIR,
    concurrency: raw.PERFBOT_CONCURRENCY,
    runLockMs: raw.PERFBOT_RUN_LOCK_SECONDS * 1000,
    githubWriteSpacingMs: raw.PERFBOT_GITHUB_WRITE_SPACING_MS,
    repoConcurrency: raw.PERFBOT_REPO_CONCURRENCY,
    intakeConcurrency: raw.PERFBOT_INTAKE_CONCURRENCY,
    shutdownGraceMs: raw.PERFBOT_SHUTDOWN_GRACE_SECONDS * 1000,
    queuePrefix: raw.PERFBOT_QUEUE_PREFIX,
    botLogin: raw.PERFBOT_BOT_LOGIN,
    dashboard:
      raw.PERFBOT_DASHBOARD_USER && raw.PERFBOT_DASHBOARD_PASSWORD
        ? { user: raw.PERFBOT_DASHBOARD_USER, password: raw.PERFBOT_DASHBOARD_PASSWORD }
        : undefined,
    operatorConfigPath: raw.PERFBOT_CONFIG,
    redelivery:
      raw.PERFBOT_REDELIVERY_INTERVAL_SECONDS === 0
        ? undefined
        : {
            intervalMs: raw.PERFBOT_REDELIVERY_INTERVAL_SECONDS * 1000,
            lookbackMs: raw.PERFBOT_REDELIVERY_LOOKBACK_MINUTES * 60_000,
            maxPages: raw.PERFBOT_REDELIVERY_MAX_PAGES,
          },
    sandbox: {
      mode: raw.PERFBOT_SANDBOX,
      extraReadOnly: raw.PERFBOT_SANDBOX_READ_ONLY.split(':').filter((dir) => dir !== ''),
      ...(raw.PERFBOT_BWRAP === undefined ? {} : { bwrap: raw.PERFBOT_BWRAP }),
      limits: {
        processes: raw.PERFBOT_MAX_PROCESSES,
        memoryBytes: raw.PERFBOT_MAX_MEMORY_MB * 2 ** 20,
        diskBytes: raw.PERFBOT_MAX_DISK_MB * 2 ** 20,
        outputBytes: raw.PERFBOT_MAX_OUTPUT_MB * 2 ** 20,
      },
    },
  };
}

/** What the registration page (the GitHub App manifest flow) needs: where to listen and which GitHub to create on. */
export interface RegistrationEnv {
  port: number;
  host: string;
  /** REST base URL, for `POST /app-manifests/{code}/conversions`. */
  githubBaseUrl: string;
  /** Web URL, for `…/settings/apps/new`. */
  githubWebUrl: string;
  /** Create the app under this organization (`GH_ORG`) instead of the signed-in user. */
  org?: string;
  /** The address GitHub will send webhooks to (`PERFBOT_PUBLIC_URL`); default: this server's own address. */
  publicUrl?: string;
  /** Where the new app's id, key and webhook secret are written: `.env` in the working directory. */
  envFile: string;
}

/**
 * Decides whether `npm start` should serve the registration page instead of the app: only when the app is not
 * configured at all (no `APP_ID`, no key) and not in production (`NODE_ENV=production` refuses to start
 * unconfigured, as Probot does). Returns undefined when the app should start normally.
 */
export function readRegistrationEnv(env: NodeJS.ProcessEnv, cwd: string): RegistrationEnv | undefined {
  if (env.APP_ID || env.PRIVATE_KEY || env.PRIVATE_KEY_PATH || env.NODE_ENV === 'production') return undefined;
  const host = env.GHE_HOST;
  const protocol = env.GHE_PROTOCOL === 'http' ? 'http' : 'https';
  return {
    port: Number(env.PORT ?? 3000) || 3000,
    // Loopback unless told otherwise: the page hands out the app's credentials to whoever completes the flow.
    host: env.HOST ?? '127.0.0.1',
    githubBaseUrl: host ? `${protocol}://${host}/api/v3` : 'https://api.github.com',
    githubWebUrl: host ? `${protocol}://${host}` : 'https://github.com',
    ...(env.GH_ORG ? { org: env.GH_ORG } : {}),
    ...(env.PERFBOT_PUBLIC_URL ? { publicUrl: env.PERFBOT_PUBLIC_URL.replace(/\/+$/, '') } : {}),
    envFile: path.join(cwd, '.env'),
  };
}
