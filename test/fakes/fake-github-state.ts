/** The in-memory GitHub that the fake server reads and writes; tests seed it directly or through `FakeGitHub`. */
export interface FakeGitHubState {
  repos: Map<string, FakeRepo>;
  app: FakeApp;
  /** Installation id → the ids of the repositories it can reach. */
  installations: Map<number, number[]>;
  /** Every installation token handed out, newest last. */
  issuedTokens: {
    token: string;
    installationId: number;
    repositoryIds: number[] | 'all';
    permissions: Record<string, string>;
  }[];
  /** The app webhook's deliveries (`GET /app/hook/deliveries`), newest last; a redelivery appends one. */
  hookDeliveries: FakeHookDelivery[];
  /** The status GitHub records for the attempt a redelivery makes (`OK` unless a test says the app is down). */
  redeliveryStatus: string;
  /**
   * Sends a redelivered event to the app, as GitHub does, resolving with the HTTP status the app answered; the
   * new attempt is logged once it is answered. Without it, redeliveries are only logged (`redeliveryStatus`).
   */
  sendWebhook?: (delivery: FakeHookDelivery) => Promise<number>;
  /** Last id handed out; ids are shared by every kind of object, like GitHub's large unique numbers. */
  lastId: number;
}

/** One attempt to deliver a webhook, as GitHub lists it; `status` is `OK` for a success. */
export interface FakeHookDelivery {
  id: number;
  guid: string;
  deliveredAt: string;
  redelivery: boolean;
  status: string;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  /** The event's body, for `sendWebhook` to send again on redelivery. */
  payload?: unknown;
}

export interface FakeApp {
  id: number;
  slug: string;
  /** The login of comments and check runs the app writes: `perfbot[bot]`. */
  bot: FakeUser;
  /** When set, app JWTs must be RS256-signed by the matching private key (and name this app as `iss`). */
  publicKeyPem?: string;
}

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  /** Branch name → head sha. */
  branches: Map<string, string>;
  /** Ref (branch or sha) → path → text. */
  files: Map<string, Map<string, string>>;
  /** Login → permission and role. Users not listed do not exist (404), as for an unknown login. */
  permissions: Map<string, { permission: string; roleName: string }>;
  /** Numbers of plain issues; pull requests are issues too. */
  issues: Set<number>;
  pulls: FakePull[];
  comments: FakeComment[];
  reactions: { id: number; commentId: number; content: string; user: FakeUser }[];
  /** Issue number → label names. */
  labels: Map<number, string[]>;
  checkRuns: FakeCheckRun[];
  /** What the API reports as `clone_url`; tests point it at a local bare repository. */
  cloneUrl?: string;
  /** That bare repository's directory: branches pushed there exist for the API too (see `fakeBranchSha`). */
  gitDir?: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  draft: boolean;
  headRef: string;
  headSha: string;
  /** The head repository; `null` when the fork was deleted. Same as the base repository unless a fork. */
  headRepo: { id: number; fullName: string } | null;
  baseRef: string;
  baseSha: string;
  /** Who opened it (`octocat` unless a test says otherwise). */
  author?: FakeUser;
}

export interface FakeComment {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
  /** Set by GraphQL `minimizeComment`: the classifier, e.g. `OUTDATED`. */
  minimizedAs?: string;
}

export interface FakeCheckRun {
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  startedAt: string;
  completedAt: string | null;
  /** The app that created it, when not this app (a CI workflow's job, another app's check). */
  app?: { id: number; slug: string };
}

export interface FakeRepoSeed {
  owner: string;
  name: string;
  defaultBranch?: string;
  defaultBranchSha?: string;
}

/** A state holding the app `perfbot`, installation 1, and no repository yet. */
export function createFakeGitHubState(): FakeGitHubState {
  return {
    repos: new Map(),
    app: { id: 424242, slug: 'perfbot', bot: { login: 'perfbot[bot]', id: 141414, type: 'Bot' } },
    installations: new Map([[1, []]]),
    issuedTokens: [],
    hookDeliveries: [],
    redeliveryStatus: 'OK',
    lastId: 1_000_000,
  };
}

/** Now as GitHub writes a timestamp: ISO 8601 in whole seconds (`2026-12-03T07:40:00Z`). */
export function githubNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh unique id. */
export function nextId(state: FakeGitHubState): number {
  state.lastId += 1;
  return state.lastId;
}

/** Adds a repository (reachable by installation 1) with one commit-less default branch. */
export function addFakeRepo(state: FakeGitHubState, seed: FakeRepoSeed): FakeRepo {
  const defaultBranch = seed.defaultBranch ?? 'main';
  const repo: FakeRepo = {
    id: nextId(state),
    owner: seed.owner,
    name: seed.name,
    defaultBranch,
    branches: new Map([[defaultBranch, seed.defaultBranchSha ?? 'a'.repeat(40)]]),
    files: new Map(),
    permissions: new Map(),
    issues: new Set(),
    pulls: [],
    comments: [],
    reactions: [],
    labels: new Map(),
    checkRuns: [],
  };
  state.repos.set(repoKey(seed.owner, seed.name), repo);
  state.installations.get(1)?.push(repo.id);
  return repo;
}

/** Map key of a repository: GitHub owners and names are case-insensitive. */
export function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}
