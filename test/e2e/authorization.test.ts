import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { DEFAULT_PERF_YML, eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

/** How replies write a login: `@` and an invisible word joiner, so nobody is pinged. */
const at = (login: string) => `@\u2060${login}`;
const HELP_START = '#### `/perf` commands\n';

function denial(login: string, levels = '**write**, **maintain** or **admin**'): string {
  return (
    `🔒 Sorry ${at(login)}, Perfbot only runs \`/perf\` commands from people with ${levels} access to this repository, ` +
    "because a run executes the pull request's code on Perfbot's machines. Ask a maintainer to comment the command for you."
  );
}

let harness: AppHarness;
beforeAll(async () => {
  harness = await startAppHarness();
  const { fake } = harness;
  fake.setPermission('admin-user', 'admin');
  fake.setPermission('maintain-user', 'write', { roleName: 'maintain' });
  fake.setPermission('write-user', 'write');
  fake.setPermission('triage-user', 'read', { roleName: 'triage' });
  // Another triage user for the label test: triage-user's denial on PR #1 is answered once an hour (rate limit).
  fake.setPermission('triage-labeler', 'read', { roleName: 'triage' });
  fake.setPermission('read-user', 'read');
  // `stranger` is not a collaborator: GitHub answers 404 for the permission of an unknown login.
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

const permissionRequests = (login: string) =>
  harness.fake.requests.filter(
    (r) => r.method === 'GET' && r.path === `/repos/octo-org/perf-demo/collaborators/${login}/permission`,
  );
const reactionsOn = (login: string) => {
  const comment = [...harness.fake.repo.comments].reverse().find((c) => c.user.login === login);
  return harness.fake.repo.reactions.filter((r) => r.commentId === comment?.id).map((r) => r.content);
};
const runJobs = async () => Object.values((await harness.jobCounts()).run).reduce((a, b) => a + b, 0);

describe('who may run /perf commands', () => {
  it.each(['admin-user', 'maintain-user', 'write-user'])(
    '%s is authorized: 👀 on the comment, then exactly one reply',
    async (login) => {
      const delivery = await harness.comment('/perf help', { login });
      expect(delivery.status).toBe(200);
      const reply = await eventually(`the help reply to ${login}`, () => harness.replyTo(delivery.deliveryId), harness);
      expect(reply.startsWith(HELP_START)).toBe(true);
      expect(reply).toContain('Commands and labels are accepted from people with **write** access or more.');
      expect(reactionsOn(login)).toEqual(['eyes']);
      // Authorized with GitHub's collaborator-permission API, once, for this login.
      expect(permissionRequests(login)).toHaveLength(1);
      expect(harness.botComments().filter((c) => c.body.includes(`reply-${delivery.deliveryId}`))).toHaveLength(1);
      harness.fake.assertNoUnexpected();
    },
  );

  it.each(['triage-user', 'read-user', 'stranger'])(
    '%s is denied /perf bench: one denial reply, no reaction, nothing queued',
    async (login) => {
      const before = harness.botComments().length;
      const delivery = await harness.comment('/perf bench', { login });
      expect(delivery.status).toBe(200);
      const reply = await eventually(`the denial for ${login}`, () => harness.replyTo(delivery.deliveryId), harness);
      expect(reply).toBe(denial(login));
      expect(harness.botComments()).toHaveLength(before + 1);
      expect(reactionsOn(login)).toEqual([]);
      expect(permissionRequests(login)).toHaveLength(1);
      expect(permissionRequests(login)[0]!.status).toBe(login === 'stranger' ? 404 : 200);
      expect(await runJobs()).toBe(0);
      expect(harness.fake.repo.checkRuns).toEqual([]);
      harness.fake.assertNoUnexpected();
    },
  );

  it('triggers.minPermission: maintain in perf.yml (default branch) raises the bar: write is denied, maintain is not', async () => {
    harness.fake.setFile('.github/perf.yml', `${DEFAULT_PERF_YML}triggers:\n  minPermission: maintain\n`);
    try {
      const denied = await harness.comment('/perf help', { login: 'write-user' });
      expect(await eventually('the denial', () => harness.replyTo(denied.deliveryId), harness)).toBe(
        denial('write-user', '**maintain** or **admin**'),
      );
      const allowed = await harness.comment('/perf help', { login: 'maintain-user' });
      const help = await eventually('the help', () => harness.replyTo(allowed.deliveryId), harness);
      expect(help).toContain('Commands and labels are accepted from people with **maintain** access or more.');
    } finally {
      harness.fake.setFile('.github/perf.yml', DEFAULT_PERF_YML);
    }
    harness.fake.assertNoUnexpected();
  });
});

describe('the perf:bench label', () => {
  it('added by a triage user: denied with one reply, and the label stays', async () => {
    const delivery = await harness.label('perf:bench', { login: 'triage-labeler' });
    expect(delivery.status).toBe(200);
    expect(await eventually('the denial', () => harness.replyTo(delivery.deliveryId), harness)).toBe(
      denial('triage-labeler'),
    );
    expect(harness.fake.repo.labels.get(1)).toEqual(['perf:bench']);
    expect(harness.fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(await runJobs()).toBe(0);
    harness.fake.repo.labels.set(1, []);
    harness.fake.assertNoUnexpected();
  });

  it('added by a write user: the label is removed and one benchmark runs on the labeled head', async () => {
    const { fake } = harness;
    const delivery = await harness.label('perf:bench', { login: 'write-user' });
    expect(delivery.status).toBe(200);
    const check = await eventually(
      'a completed perf check run',
      () => fake.repo.checkRuns.find((r) => r.status === 'completed'),
      harness,
      90_000,
    );
    expect(check.headSha).toBe(harness.headSha);
    // The verdict itself is bench-comment.test.ts's subject; here: the labeled head was benchmarked once.
    expect(['failure', 'neutral', 'success']).toContain(check.conclusion);
    expect(fake.repo.checkRuns).toHaveLength(1);
    expect(fake.repo.labels.get(1)).toEqual([]);
    const removals = fake.requests.filter((r) => r.method === 'DELETE');
    expect(removals.map((r) => `${r.path} ${r.status}`)).toEqual([
      '/repos/octo-org/perf-demo/issues/1/labels/perf:bench 200',
    ]);
    const status = harness.statusComments();
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toContain(`requested by ${at('write-user')}`);
    expect(status[0]!.body).toMatch(/^\| `sort` \|/m);
    // A label is acknowledged by removing it, never with a reply.
    expect(harness.replyTo(delivery.deliveryId)).toBeUndefined();
    fake.assertNoUnexpected();
  }, 120_000);
});

describe('re-authorization when the run starts', () => {
  it('a requester who lost write access while the run was queued gets a failed status comment and no benchmark', async () => {
    const { fake } = harness;
    fake.setPermission('leaving-user', 'write');
    await harness.pauseRuns(true);
    const runsBefore = fake.repo.checkRuns.length;
    try {
      await harness.comment('/perf bench', { login: 'leaving-user' });
      await eventually(
        'the run to be queued',
        async () => (await harness.jobCounts()).run.paused === 1 || (await harness.jobCounts()).run.waiting === 1,
        harness,
      );
      fake.setPermission('leaving-user', 'read');
    } finally {
      await harness.pauseRuns(false);
    }
    const status = await eventually(
      'a failed status comment',
      () => harness.statusComments().find((c) => c.body.includes(at('leaving-user')) && c.body.includes('❌')),
      harness,
    );
    expect(status.body).toContain('❌ **Permission denied**');
    expect(status.body).toContain('Ask someone with write access (or more) to this repository to run the command.');
    expect(fake.repo.checkRuns).toHaveLength(runsBefore);
    await eventually('the run to fail once', async () => (await harness.jobCounts()).run.failed === 1, harness);
    fake.assertNoUnexpected();
  });
});
