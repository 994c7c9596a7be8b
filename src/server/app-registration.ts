import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { RegistrationEnv } from '../config/app-env.ts';
import { WEBHOOK_PATH } from './create-http-server.ts';

/** What GitHub answers `POST /app-manifests/{code}/conversions` with (the fields Perfbot keeps). */
interface ManifestConversion {
  id: number;
  slug: string;
  html_url: string;
  webhook_secret: string | null;
  pem: string;
}

/** The cookie that binds a registration page's state to the browser that opened it. */
const STATE_COOKIE = 'perfbot_registration_state';

export interface RegistrationServerOptions {
  env: RegistrationEnv;
  /** The text of `app.yml`: name, permissions and events of the app to create. */
  appYml: string;
  log: {
    info(meta: Record<string, unknown>, message: string): void;
    warn(meta: Record<string, unknown>, message: string): void;
  };
}

/**
 * The GitHub App manifest flow, as Probot's setup page does it: `GET /probot` shows a button that posts the
 * manifest (app.yml, with this server's webhook and redirect URLs) to GitHub's "new app" page; GitHub creates
 * the app and sends the browser back to `/probot/setup?code=…&state=…`; the code is exchanged for the app's id,
 * private key and webhook secret, which are written to `.env` (mode 0600) for the next `npm start`.
 * Only started in development when the app is not configured at all; it serves nothing else.
 */
export function createRegistrationServer(options: RegistrationServerOptions): Server {
  const { env, log } = options;
  const manifestBase = parseYaml(options.appYml) as Record<string, unknown>;
  // One state per page view, bound to the browser that viewed it (an HttpOnly cookie) and checked on the way back:
  // a link crafted by someone else cannot make this server write another app's credentials into .env.
  const states = new Set<string>();
  let registered = false;
  const allowedHosts = new Set([`localhost:${env.port}`, `127.0.0.1:${env.port}`, `[::1]:${env.port}`]);
  if (env.publicUrl !== undefined) allowedHosts.add(new URL(env.publicUrl).host);
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const html = (status: number, body: string, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
    if (request.method !== 'GET') return void response.writeHead(405).end();
    // DNS rebinding: a page elsewhere that points its own name at this address still sends its own Host.
    const hostHeader = request.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) {
      return void html(
        421,
        page(
          'Wrong address',
          `<p>Open this page as http://localhost:${env.port}/probot, or set PERFBOT_PUBLIC_URL to the address you use.</p>`,
        ),
      );
    }
    const publicUrl = env.publicUrl ?? `http://${hostHeader}`;
    if (url.pathname === '/') return void response.writeHead(302, { location: '/probot' }).end();
    if (url.pathname === '/healthz') {
      return void response
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, reason: 'not registered: open /probot' }));
    }
    if (registered) {
      return void html(
        410,
        page(
          'Perfbot is registered',
          `<p>The app's credentials are in <code>${escapeHtml(env.envFile)}</code>. Stop this server and run <code>npm start</code> again.</p>`,
        ),
      );
    }
    if (url.pathname === '/probot') {
      const state = randomBytes(16).toString('hex');
      if (states.size >= 100) states.clear();
      states.add(state);
      const manifest = appManifest(manifestBase, publicUrl);
      const cookie = `${STATE_COOKIE}=${state}; HttpOnly; SameSite=Lax; Path=/probot`;
      return void html(200, renderRegistrationPage({ manifest, action: createAppUrl(env, state) }), {
        'set-cookie': cookie,
      });
    }
    if (url.pathname === '/probot/setup') {
      const code = url.searchParams.get('code') ?? '';
      const state = url.searchParams.get('state') ?? '';
      const fromCookie = new RegExp(`(?:^|;\\s*)${STATE_COOKIE}=([0-9a-f]{32})(?:;|$)`).exec(
        request.headers.cookie ?? '',
      )?.[1];
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(code) || fromCookie !== state || !states.delete(state)) {
        return void html(
          400,
          page(
            'Registration link not valid',
            '<p>This link did not come from the registration page of this server. Open <a href="/probot">/probot</a> and create the app from there.</p>',
          ),
        );
      }
      void convertManifest(env, code).then(
        async (app) => {
          registered = true;
          await writeEnvFile(env.envFile, {
            APP_ID: String(app.id),
            PRIVATE_KEY: app.pem,
            WEBHOOK_SECRET: app.webhook_secret ?? '',
            PERFBOT_BOT_LOGIN: `${app.slug}[bot]`,
          });
          log.info(
            { appId: app.id, slug: app.slug, envFile: env.envFile },
            'GitHub App registered; restart Perfbot to use it',
          );
          html(
            200,
            page(
              'Perfbot is registered',
              `<p>The GitHub App <strong>${escapeHtml(app.slug)}</strong> was created. Its id, private key and webhook secret are in <code>${escapeHtml(env.envFile)}</code>.</p><ol><li><a href="${escapeHtml(app.html_url)}/installations/new">Install it</a> on the repositories Perfbot should serve.</li><li>Stop this server and run <code>npm start</code> again: it reads <code>.env</code>.</li></ol>`,
            ),
          );
        },
        (error: unknown) => {
          log.warn({ err: String(error) }, 'could not exchange the manifest code');
          html(
            502,
            page(
              'GitHub did not confirm the new app',
              `<p>${escapeHtml(String(error))}</p><p>The code is valid for one hour and for one use: open <a href="/probot">/probot</a> and try again.</p>`,
            ),
          );
        },
      );
      return;
    }
    response.writeHead(404).end();
  });
}

/** app.yml plus what depends on where this server is reachable; app.yml's own `hook_attributes.url` is a placeholder. */
export function appManifest(base: Record<string, unknown>, publicUrl: string): Record<string, unknown> {
  const hook = typeof base.hook_attributes === 'object' && base.hook_attributes !== null ? base.hook_attributes : {};
  return {
    ...base,
    public: base.public ?? false,
    hook_attributes: { ...hook, url: `${publicUrl}${WEBHOOK_PATH}` },
    redirect_url: `${publicUrl}/probot/setup`,
  };
}

function createAppUrl(env: RegistrationEnv, state: string): string {
  const owner = env.org === undefined ? '' : `/organizations/${encodeURIComponent(env.org)}`;
  return `${env.githubWebUrl}${owner}/settings/apps/new?state=${state}`;
}

async function convertManifest(env: RegistrationEnv, code: string): Promise<ManifestConversion> {
  const response = await fetch(`${env.githubBaseUrl}/app-manifests/${code}/conversions`, {
    method: 'POST',
    headers: { accept: 'application/vnd.github+json', 'user-agent': 'perfbot-registration' },
  });
  if (response.status !== 201) throw new Error(`GitHub answered ${response.status} to the manifest conversion`);
  const app = (await response.json()) as Partial<ManifestConversion>;
  if (
    typeof app.id !== 'number' ||
    typeof app.slug !== 'string' ||
    typeof app.pem !== 'string' ||
    typeof app.html_url !== 'string'
  ) {
    throw new Error("GitHub's answer to the manifest conversion lacks the app id, slug or key");
  }
  return app as ManifestConversion;
}

/** Sets `values` in a dotenv file (other lines kept), readable by its owner only: it holds the app's key. */
async function writeEnvFile(file: string, values: Record<string, string>): Promise<void> {
  const existing = await readFile(file, 'utf8').catch(() => '');
  const kept = existing
    .split('\n')
    .filter((line) => line !== '' && !Object.keys(values).some((key) => line.startsWith(`${key}=`)));
  const added = Object.entries(values).map(([key, value]) => `${key}="${value.replace(/\n/g, '\\n')}"`);
  // A new file with the mode set, renamed over the old one: an existing .env (often 0644) never holds the key.
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${[...kept, ...added].join('\n')}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

export function renderRegistrationPage(input: { manifest: Record<string, unknown>; action: string }): string {
  return page(
    'Register Perfbot as a GitHub App',
    `<p>Perfbot is not configured yet. This creates a GitHub App from <code>app.yml</code> (name, the few permissions it needs, the events it uses) with its webhook pointing at this server.</p>
<form action="${escapeHtml(input.action)}" method="post">
<input type="hidden" name="manifest" value="${escapeHtml(JSON.stringify(input.manifest))}">
<button type="submit">Create the GitHub App</button>
</form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
