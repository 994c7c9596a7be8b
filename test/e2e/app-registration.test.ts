import { randomBytes } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createdApps } from '../fakes/fake-github-manifest-routes.ts';
import { startFakeGitHub, type FakeGitHub } from '../fakes/fake-github-server.ts';
import { eventually, freePort, spawnPerfbot, type PerfbotChild } from '../helpers/app-harness.ts';
import { cleanupAll, createTempDir } from '../helpers/git-fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// `--import tsx` resolves from the working directory, which here is a bare folder: name tsx by its path.
const LAUNCH_COMMAND: [string, ...string[]] = [
  process.execPath,
  '--import',
  fileURLToPath(import.meta.resolve('tsx')),
  path.join(ROOT, 'src/main/server.ts'),
];

let fake: FakeGitHub | undefined;
const apps: PerfbotChild[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await fake?.close();
  await cleanupAll();
});

const unescapeHtml = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

async function startUnconfigured(cwd: string, port: number, env: Record<string, string> = {}) {
  const app = spawnPerfbot(
    { PORT: String(port), HOST: '127.0.0.1', GHE_HOST: new URL(fake!.url).host, GHE_PROTOCOL: 'http', ...env },
    { root: cwd, command: LAUNCH_COMMAND },
  );
  apps.push(app);
  return app;
}

describe('npm start without an app, in development', () => {
  it('serves the manifest flow: GitHub creates the app from app.yml, and its credentials land in .env for the next start', async () => {
    fake = await startFakeGitHub();
    const cwd = await createTempDir('perfbot-register-');
    // A .env that exists already, readable by all, as docker-compose's REDIS_PASSWORD one usually is.
    await writeFile(path.join(cwd, '.env'), 'REDIS_PASSWORD="kept"\n', { mode: 0o644 });
    const port = await freePort();
    const app = await startUnconfigured(cwd, port);
    const base = `http://127.0.0.1:${port}`;
    const opened = await eventually(
      'the registration page',
      () =>
        fetch(`${base}/probot`).then(
          (r) => (r.ok ? r : undefined),
          () => undefined,
        ),
      undefined,
      30_000,
    );
    const page = await opened.text();
    // The page's state is bound to this browser by a cookie.
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    expect(opened.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Lax; Path=\/probot$/);

    // The page posts app.yml's manifest, pointed at this server, to GitHub's "new app" page.
    const action = unescapeHtml(/<form action="([^"]+)" method="post">/.exec(page)![1]!);
    const manifest = JSON.parse(unescapeHtml(/name="manifest" value="([^"]+)"/.exec(page)![1]!)) as Record<
      string,
      unknown
    >;
    const appYml = parseYaml(await readFile(path.join(ROOT, 'app.yml'), 'utf8')) as Record<string, unknown>;
    expect(action).toMatch(new RegExp(`^http://${new URL(fake.url).host}/settings/apps/new\\?state=[0-9a-f]{32}$`));
    expect(manifest).toMatchObject({
      name: 'Perfbot',
      public: false,
      default_permissions: appYml.default_permissions,
      default_events: appYml.default_events,
      hook_attributes: { url: `${base}/api/github/webhooks` },
      redirect_url: `${base}/probot/setup`,
    });

    // The browser posts the form; GitHub creates the app and sends it back with a code.
    const created = await fetch(action, {
      method: 'POST',
      body: new URLSearchParams({ manifest: JSON.stringify(manifest) }),
      redirect: 'manual',
    });
    expect(created.status).toBe(302);
    const back = created.headers.get('location')!;
    expect(back.startsWith(`${base}/probot/setup?code=`)).toBe(true);
    // The same link from a browser without the page's cookie (someone else completing the flow) is refused.
    expect((await fetch(back)).status).toBe(400);
    const done = await fetch(back, { headers: { cookie } });
    expect(done.status).toBe(200);
    const madeApp = createdApps.get(fake.state)![0]!;
    expect(await done.text()).toContain(`https://github.com/apps/${madeApp.slug}/installations/new`);

    // Registered: the server hands out nothing more (not even for the same link again).
    expect((await fetch(back, { headers: { cookie } })).status).toBe(410);
    expect((await fetch(`${base}/probot`)).status).toBe(410);

    const envFile = path.join(cwd, '.env');
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
    const written = await readFile(envFile, 'utf8');
    expect(written).toContain('REDIS_PASSWORD="kept"');
    expect(written).toContain(`APP_ID="${madeApp.id}"`);
    expect(written).toContain(`WEBHOOK_SECRET="${madeApp.webhookSecret}"`);
    expect(written).toContain('PERFBOT_BOT_LOGIN="perfbot[bot]"');
    expect(written).toContain(`PRIVATE_KEY="${madeApp.pem.trim().replace(/\n/g, '\\n')}`);
    // The log says what happened, never the key or the secret.
    expect(app.output()).toContain('GitHub App registered');
    expect(app.output()).not.toContain(madeApp.webhookSecret);
    expect(app.output()).not.toContain('PRIVATE KEY');
    expect(await app.stop()).toBe(0);

    // The next `npm start` in that folder runs the app itself, with what registration wrote.
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const configured = await startUnconfigured(cwd, port, {
      REDIS_URL: redisUrl,
      PERFBOT_QUEUE_PREFIX: `register-${randomBytes(4).toString('hex')}`,
      PERFBOT_WORK_DIR: await createTempDir('perfbot-register-work-'),
    });
    const health = await eventually(
      'the configured app',
      () =>
        fetch(`${base}/healthz`).then(
          (r) => (r.status === 200 ? r.json() : undefined),
          () => undefined,
        ),
      undefined,
      30_000,
    );
    expect(health).toBeDefined();
    expect((await fetch(`${base}/probot`)).status).toBe(404);
    expect(configured.output()).not.toContain('not registered');
    fake.assertNoUnexpected();
  }, 90_000);

  it('refuses a setup link that did not come from its own page, and a page asked for under another name', async () => {
    fake = await startFakeGitHub();
    const port = await freePort();
    await startUnconfigured(await createTempDir('perfbot-register-'), port);
    await eventually(
      'the registration page',
      () =>
        fetch(`http://127.0.0.1:${port}/probot`).then(
          (r) => r.ok || undefined,
          () => undefined,
        ),
      undefined,
      30_000,
    );
    const forged = await fetch(`http://127.0.0.1:${port}/probot/setup?code=abc123&state=${'0'.repeat(32)}`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('did not come from the registration page');
    // DNS rebinding: a page elsewhere pointing its own name at this server sends its own Host.
    const rebound = await new Promise<number>((resolve, reject) => {
      const request = httpGet(
        { host: '127.0.0.1', port, path: '/probot', headers: { host: `attacker.example:${port}` } },
        (response) => resolve(response.statusCode ?? 0),
      );
      request.on('error', reject);
    });
    expect(rebound).toBe(421);
    expect(fake.requests).toEqual([]); // nothing was exchanged with GitHub
  }, 60_000);

  it('in production, refuses to start unconfigured and says what to set', async () => {
    fake = await startFakeGitHub();
    const app = await startUnconfigured(await createTempDir('perfbot-register-'), await freePort(), {
      NODE_ENV: 'production',
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('APP_ID');
    expect(app.output()).toContain('PRIVATE_KEY or PRIVATE_KEY_PATH');
  }, 60_000);
});
