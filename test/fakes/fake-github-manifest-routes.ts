import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { FakeGitHubState } from './fake-github-state.ts';
import { invalid, notFound, type FakeRoute, type FakeResponse } from './fake-github-router.ts';

/** An app GitHub created from a manifest, waiting for its one conversion. */
export interface FakeManifestApp {
  manifest: Record<string, unknown>;
  id: number;
  slug: string;
  pem: string;
  webhookSecret: string;
  /** The organization it was created under, if any. */
  org?: string;
}

/** Per fake: codes handed out by the "new app" page and not yet converted (GitHub's codes work once, for an hour). */
const pending = new WeakMap<FakeGitHubState, Map<string, FakeManifestApp>>();
/** Per fake: every app created from a manifest, for assertions. */
export const createdApps = new WeakMap<FakeGitHubState, FakeManifestApp[]>();

/** What GitHub checks in a manifest before creating the app (docs: "Registering a GitHub App from a manifest"). */
function manifestProblem(manifest: Record<string, unknown>): string | undefined {
  const hook = manifest.hook_attributes as { url?: unknown } | undefined;
  if (typeof manifest.url !== 'string' || !/^https?:\/\//.test(manifest.url))
    return 'url: the homepage URL is required';
  if (typeof hook?.url !== 'string' || !/^https?:\/\//.test(hook.url))
    return 'hook_attributes.url: a webhook URL is required';
  if (typeof manifest.redirect_url !== 'string' || !/^https?:\/\//.test(manifest.redirect_url))
    return 'redirect_url is required';
  if (typeof manifest.name !== 'string' || manifest.name === '') return 'name is required';
  return undefined;
}

function createFromForm(
  state: FakeGitHubState,
  body: unknown,
  query: Record<string, string>,
  org?: string,
): FakeResponse {
  const form = new URLSearchParams(typeof body === 'string' ? body : '');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(form.get('manifest') ?? '') as Record<string, unknown>;
  } catch {
    return invalid('The manifest is not valid JSON.');
  }
  const problem = manifestProblem(manifest);
  if (problem) return invalid(`Invalid GitHub App configuration: ${problem}`);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const app: FakeManifestApp = {
    manifest,
    id: 500_000 + (createdApps.get(state)?.length ?? 0),
    slug: String(manifest.name)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-'),
    pem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    webhookSecret: randomBytes(20).toString('hex'),
    ...(org ? { org } : {}),
  };
  createdApps.set(state, [...(createdApps.get(state) ?? []), app]);
  const code = randomBytes(10).toString('hex');
  if (!pending.has(state)) pending.set(state, new Map());
  pending.get(state)!.set(code, app);
  const location = new URL(String(manifest.redirect_url));
  location.searchParams.set('code', code);
  if (query.state !== undefined) location.searchParams.set('state', query.state);
  return { status: 302, headers: { location: location.toString() } };
}

/** GitHub's manifest flow: the web page that creates the app, and the API call that exchanges the code. */
export const fakeManifestRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/settings/apps/new',
    anonymous: true,
    handle: ({ state, body, query }) => createFromForm(state, body, query),
  },
  {
    method: 'POST',
    path: '/organizations/:org/settings/apps/new',
    anonymous: true,
    handle: ({ state, body, query, params }) => createFromForm(state, body, query, params.org),
  },
  {
    method: 'POST',
    path: '/app-manifests/:code/conversions',
    anonymous: true,
    handle: ({ state, params }) => {
      const app = pending.get(state)?.get(params.code ?? '');
      if (!app) return notFound();
      pending.get(state)!.delete(params.code ?? '');
      return {
        status: 201,
        body: {
          id: app.id,
          slug: app.slug,
          node_id: 'A_fake',
          owner: { login: app.org ?? 'octocat', type: app.org ? 'Organization' : 'User' },
          name: app.manifest.name,
          html_url: `https://github.com/apps/${app.slug}`,
          client_id: `Iv1.${randomBytes(8).toString('hex')}`,
          client_secret: randomBytes(20).toString('hex'),
          webhook_secret: app.webhookSecret,
          pem: app.pem,
          permissions: app.manifest.default_permissions ?? {},
          events: app.manifest.default_events ?? [],
        },
      };
    },
  },
];
