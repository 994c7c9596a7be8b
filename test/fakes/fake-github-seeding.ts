import { nodeIdOf } from './fake-github-json.ts';
import {
  addFakeRepo,
  githubNow,
  nextId,
  type FakeComment,
  type FakeGitHubState,
  type FakeHookDelivery,
  type FakePull,
  type FakeRepo,
  type FakeRepoSeed,
  type FakeUser,
} from './fake-github-state.ts';

export interface FakePullSeed {
  number: number;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  headRef?: string;
  headSha?: string;
  baseRef?: string;
  baseSha?: string;
  /** A fork's full name (`someone/perf-demo`), or `null` for a deleted fork. Omitted: the same repository. */
  headRepoFullName?: string | null;
}

/** Helpers that seed the fake's state; each takes an optional repository (default: the fake's own). */
export interface FakeGitHubSeeding {
  repo: FakeRepo;
  addRepo(seed: FakeRepoSeed): FakeRepo;
  setPermission(login: string, permission: string, options?: { roleName?: string; repo?: FakeRepo }): void;
  /** A file at `ref` (default: the default branch). */
  setFile(path: string, content: string, ref?: string, repo?: FakeRepo): void;
  setBranch(name: string, sha: string, repo?: FakeRepo): void;
  addPull(seed: FakePullSeed, repo?: FakeRepo): FakePull;
  addIssue(number: number, repo?: FakeRepo): void;
  /** A comment written by someone (a user `octocat` unless `user` says otherwise). */
  addComment(issueNumber: number, body: string, options?: { user?: FakeUser; repo?: FakeRepo }): FakeComment;
  addLabel(issueNumber: number, name: string, repo?: FakeRepo): void;
  /** A delivery in the app webhook's log (failed with 502 unless told), delivered `minutesAgo` (default 1). */
  addHookDelivery(seed: {
    guid: string;
    status?: string;
    statusCode?: number;
    minutesAgo?: number;
    event?: string;
    payload?: unknown;
  }): FakeHookDelivery;
  /** Makes the access-token route verify JWT signatures with this key. */
  setAppPublicKey(pem: string): void;
}

export function createFakeGitHubSeeding(state: FakeGitHubState, seed: FakeRepoSeed): FakeGitHubSeeding {
  const main = addFakeRepo(state, seed);
  return {
    repo: main,
    addRepo: (repoSeed) => addFakeRepo(state, repoSeed),
    setPermission(login, permission, options = {}) {
      (options.repo ?? main).permissions.set(login.toLowerCase(), {
        permission,
        roleName: options.roleName ?? permission,
      });
    },
    setFile(path, content, ref, repo = main) {
      const key = ref ?? repo.defaultBranch;
      const files = repo.files.get(key) ?? new Map<string, string>();
      files.set(path, content);
      repo.files.set(key, files);
    },
    setBranch(name, sha, repo = main) {
      repo.branches.set(name, sha);
    },
    addPull(pullSeed, repo = main) {
      const fullName = `${repo.owner}/${repo.name}`;
      const headFullName = pullSeed.headRepoFullName === undefined ? fullName : pullSeed.headRepoFullName;
      const pull: FakePull = {
        number: pullSeed.number,
        state: pullSeed.state ?? 'open',
        title: pullSeed.title ?? `Pull request #${pullSeed.number}`,
        body: pullSeed.body === undefined ? null : pullSeed.body,
        draft: false,
        headRef: pullSeed.headRef ?? `feature-${pullSeed.number}`,
        headSha: pullSeed.headSha ?? 'b'.repeat(40),
        headRepo:
          headFullName === null
            ? null
            : { id: headFullName === fullName ? repo.id : nextId(state), fullName: headFullName },
        baseRef: pullSeed.baseRef ?? repo.defaultBranch,
        baseSha: pullSeed.baseSha ?? repo.branches.get(repo.defaultBranch) ?? 'a'.repeat(40),
      };
      repo.pulls.push(pull);
      if (headFullName === fullName) repo.branches.set(pull.headRef, pull.headSha);
      return pull;
    },
    addIssue(number, repo = main) {
      repo.issues.add(number);
    },
    addComment(issueNumber, body, options = {}) {
      const id = nextId(state);
      const at = githubNow();
      const comment: FakeComment = {
        id,
        nodeId: nodeIdOf('IC', id),
        issueNumber,
        body,
        user: options.user ?? { login: 'octocat', id: 583231, type: 'User' },
        createdAt: at,
        updatedAt: at,
      };
      (options.repo ?? main).comments.push(comment);
      return comment;
    },
    addLabel(issueNumber, name, repo = main) {
      repo.labels.set(issueNumber, [...(repo.labels.get(issueNumber) ?? []), name]);
    },
    addHookDelivery(seed) {
      const delivery: FakeHookDelivery = {
        id: nextId(state),
        guid: seed.guid,
        deliveredAt: githubNow(-(seed.minutesAgo ?? 1) * 60_000),
        redelivery: false,
        status: seed.status ?? 'Invalid HTTP Response: 502',
        statusCode: seed.statusCode ?? (seed.status === 'OK' ? 200 : 502),
        event: seed.event ?? 'issue_comment',
        action: 'created',
        installationId: 1,
        repositoryId: main.id,
        payload: seed.payload,
      };
      state.hookDeliveries.push(delivery);
      return delivery;
    },
    setAppPublicKey(pem) {
      state.app.publicKeyPem = pem;
    },
  };
}
