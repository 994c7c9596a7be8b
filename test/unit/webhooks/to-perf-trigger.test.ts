import { describe, expect, it } from 'vitest';
import type { PerfTriggerOptions } from '../../../src/webhooks/perf-trigger.ts';
import { toPerfTrigger } from '../../../src/webhooks/to-perf-trigger.ts';
import { issueCommentPayload, issuesLabeledPayload, pullRequestLabeledPayload } from './webhook-payloads.ts';

const OPTIONS: PerfTriggerOptions = {
  labels: { bench: 'perf:bench', optimize: 'perf:optimize' },
  botLogin: 'perfbot[bot]',
};

const REPO = {
  id: 186853002,
  owner: 'Codertocat',
  name: 'Hello-World',
  fullName: 'Codertocat/Hello-World',
  defaultBranch: 'master',
};
const ACTOR = { login: 'Codertocat', id: 21031067 };

describe('toPerfTrigger: comments', () => {
  it('a /perf comment on a pull request is a comment trigger with the typed command', () => {
    const payload = issueCommentPayload('Nice!\n\n/perf bench parse/* --runs 20\n');
    expect(toPerfTrigger({ name: 'issue_comment', payload }, OPTIONS)).toEqual({
      source: 'comment',
      commentId: 492700400,
      commentedAt: '2019-05-15T15:20:21Z',
      line: '/perf bench parse/* --runs 20',
      command: { kind: 'bench', filter: 'parse/*', runs: 20 },
      repo: REPO,
      installationId: 2311213,
      target: { type: 'pull', number: 2 },
      actor: ACTOR,
    });
  });

  it('an invalid command is still a trigger, carrying the error for the reply', () => {
    const payload = issueCommentPayload('/perf bench --runs ten');
    expect(toPerfTrigger({ name: 'issue_comment', payload }, OPTIONS)).toMatchObject({
      source: 'comment',
      line: '/perf bench --runs ten',
      command: { kind: 'invalid', error: '--runs: expected an integer from 3 to 100, got "ten"' },
      target: { type: 'pull', number: 2 },
    });
  });

  it.each<[body: string, command: object]>([
    ['/perf status', { kind: 'status' }],
    ['/perf cancel', { kind: 'cancel' }],
    ['/perf', { kind: 'help' }],
    ['/perf bench', { kind: 'invalid', error: '/perf bench works on pull requests only; this is an issue' }],
    [
      '/perf optimize --target 20% the parser',
      {
        kind: 'invalid',
        error:
          '/perf optimize works on pull requests only; to optimize the default branch from an issue, add the label "perf:optimize"',
      },
    ],
    [
      '/perf ack fine',
      {
        kind: 'invalid',
        error: "/perf ack works on pull requests only: it accepts the regression of a pull request's perf check",
      },
    ],
    [
      '/perf nope',
      {
        kind: 'invalid',
        error: 'unknown subcommand "nope"; expected bench, calibrate, optimize, status, cancel, ack or help',
      },
    ],
  ])('on a plain issue, %j → %j', (body, command) => {
    const payload = issueCommentPayload(body, { onPull: false });
    expect(toPerfTrigger({ name: 'issue_comment', payload }, OPTIONS)).toMatchObject({
      source: 'comment',
      command,
      target: { type: 'issue', number: 1 },
    });
  });
});

describe('toPerfTrigger: labels', () => {
  it('our bench label on a pull request is a bench trigger pinned to the labeled head commit', () => {
    const payload = pullRequestLabeledPayload('perf:bench');
    expect(toPerfTrigger({ name: 'pull_request', payload }, OPTIONS)).toEqual({
      source: 'label',
      labelName: 'perf:bench',
      command: { kind: 'bench' },
      repo: REPO,
      installationId: 2311213,
      target: { type: 'pull', number: 2, headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' },
      actor: ACTOR,
    });
  });

  it('label names match case-insensitively, like GitHub labels', () => {
    const payload = pullRequestLabeledPayload('Perf:Optimize');
    expect(toPerfTrigger({ name: 'pull_request', payload }, OPTIONS)).toMatchObject({
      labelName: 'Perf:Optimize',
      command: { kind: 'optimize' },
    });
  });

  it('our optimize label on an issue optimizes the default branch', () => {
    const payload = issuesLabeledPayload('perf:optimize');
    expect(toPerfTrigger({ name: 'issues', payload }, OPTIONS)).toEqual({
      source: 'label',
      labelName: 'perf:optimize',
      command: { kind: 'optimize' },
      repo: REPO,
      installationId: 2311213,
      target: { type: 'issue', number: 1 },
      actor: ACTOR,
    });
  });
});

describe('toPerfTrigger: GitHub Enterprise Server', () => {
  it('a GHES-over-http payload (http:// clone_url) is a trigger, and carries no clone URL: the worker asks the API', () => {
    const payload = pullRequestLabeledPayload('perf:bench');
    Object.assign(payload.repository, { clone_url: 'http://attacker.example/Codertocat/Hello-World.git' });
    const trigger = toPerfTrigger({ name: 'pull_request', payload }, OPTIONS);
    expect(trigger).toMatchObject({ source: 'label', repo: REPO });
    expect(JSON.stringify(trigger)).not.toContain('attacker.example');
  });

  it('a payload without clone_url is still usable (Perfbot never reads it)', () => {
    const payload = issueCommentPayload('/perf bench');
    Reflect.deleteProperty(payload.repository, 'clone_url');
    expect(toPerfTrigger({ name: 'issue_comment', payload }, OPTIONS)).toMatchObject({ source: 'comment', repo: REPO });
  });
});

describe('toPerfTrigger: ignored events', () => {
  const comment = (body: string, change: (payload: ReturnType<typeof issueCommentPayload>) => void = () => {}) => {
    const payload = issueCommentPayload(body);
    change(payload);
    return { name: 'issue_comment', payload };
  };
  const prLabel = (
    label: string,
    change: (payload: ReturnType<typeof pullRequestLabeledPayload>) => void = () => {},
  ) => {
    const payload = pullRequestLabeledPayload(label);
    change(payload);
    return { name: 'pull_request', payload };
  };
  const issueLabel = (label: string, change: (payload: ReturnType<typeof issuesLabeledPayload>) => void = () => {}) => {
    const payload = issuesLabeledPayload(label);
    change(payload);
    return { name: 'issues', payload };
  };

  it.each<[what: string, event: { name: string; payload: unknown }, reason: string]>([
    ['another event', { name: 'push', payload: { ref: 'refs/heads/main' } }, 'event "push" is not a perf trigger'],
    ['a name from Object.prototype', { name: 'toString', payload: {} }, 'event "toString" is not a perf trigger'],
    ['an event without action', { name: 'issue_comment', payload: {} }, 'issue_comment event has no action'],
    ['a non-object payload', { name: 'issue_comment', payload: null }, 'issue_comment event has no action'],
    [
      'an edited comment',
      comment('/perf bench', (p) => (p.action = 'edited')),
      'issue_comment action "edited" is ignored; only "created" triggers a run',
    ],
    [
      'a deleted comment',
      comment('/perf bench', (p) => (p.action = 'deleted')),
      'issue_comment action "deleted" is ignored; only "created" triggers a run',
    ],
    [
      'an opened pull request',
      prLabel('perf:bench', (p) => (p.action = 'opened')),
      'pull_request action "opened" is ignored; only "labeled" triggers a run',
    ],
    [
      'a removed label',
      prLabel('perf:bench', (p) => (p.action = 'unlabeled')),
      'pull_request action "unlabeled" is ignored; only "labeled" triggers a run',
    ],
    [
      'a removed issue label',
      issueLabel('perf:optimize', (p) => (p.action = 'unlabeled')),
      'issues action "unlabeled" is ignored; only "labeled" triggers a run',
    ],
    ['a comment without a command', comment('LGTM'), 'comment has no /perf command'],
    ['a comment quoting a command', comment('> /perf bench\n\nWhy did this fail?'), 'comment has no /perf command'],
    [
      'a comment without installation',
      comment('/perf bench', (p) => Reflect.deleteProperty(p, 'installation')),
      'event has no installation; it did not come through the GitHub App',
    ],
    [
      'a label without installation',
      prLabel('perf:bench', (p) => Reflect.deleteProperty(p, 'installation')),
      'event has no installation; it did not come through the GitHub App',
    ],
    [
      'an issue label without installation',
      issueLabel('perf:optimize', (p) => Reflect.deleteProperty(p, 'installation')),
      'event has no installation; it did not come through the GitHub App',
    ],
    [
      'a comment by a bot (type Bot)',
      comment('/perf bench', (p) => Object.assign(p.comment.user, { login: 'github-actions', type: 'Bot' })),
      'comment by a bot (github-actions)',
    ],
    [
      'a comment by a bot (login ends in [bot])',
      comment('/perf bench', (p) => Object.assign(p.comment.user, { login: 'dependabot[bot]' })),
      'comment by a bot (dependabot[bot])',
    ],
    [
      'a comment by this app',
      comment('/perf bench', (p) => Object.assign(p.comment.user, { login: 'PerfBot[bot]', type: 'Bot' })),
      'comment by this app (PerfBot[bot])',
    ],
    [
      'a comment by a deleted account',
      comment('/perf bench', (p) => Object.assign(p.comment, { user: null })),
      'comment by a deleted account',
    ],
    [
      'a label added by a bot',
      prLabel('perf:bench', (p) => Object.assign(p.sender, { login: 'renovate[bot]', type: 'Bot' })),
      'label added by a bot (renovate[bot])',
    ],
    [
      'a label added by this app',
      issueLabel('perf:optimize', (p) => Object.assign(p.sender, { login: 'perfbot[bot]', type: 'Bot' })),
      'label added by this app (perfbot[bot])',
    ],
    ['a label that is not ours', prLabel('bug'), 'label "bug" is not a perf label'],
    ['an issue label that is not ours', issueLabel('perf'), 'label "perf" is not a perf label'],
    [
      'a label event without label',
      prLabel('perf:bench', (p) => Reflect.deleteProperty(p, 'label')),
      'label event without a label',
    ],
    [
      'the bench label on an issue',
      issueLabel('perf:bench'),
      'label "perf:bench" on an issue; benchmarks need a pull request',
    ],
    [
      'an issues event for a pull request',
      issueLabel('perf:optimize', (p) => Object.assign(p.issue, { pull_request: { url: 'https://api.github.com/x' } })),
      'issues event for pull request #1; handled as pull_request',
    ],
    [
      'a malformed comment',
      comment('/perf bench', (p) => Object.assign(p.comment, { id: '492700400' })),
      'malformed issue_comment payload at comment.id: Invalid input: expected number, received string',
    ],
    [
      'a head SHA that is not a SHA',
      prLabel('perf:bench', (p) => Object.assign(p.pull_request.head, { sha: 'HEAD' })),
      'malformed pull_request payload at pull_request.head.sha: Invalid string: must match pattern /^[0-9a-f]{40}([0-9a-f]{24})?$/',
    ],
  ])('%s', (_what, event, reason) => {
    const result = toPerfTrigger(event, OPTIONS);
    expect(result).toHaveProperty('ignored', reason);
    // Only payloads that could not be read are flagged unusable (logged, counted, answered); the rest are simply not for us.
    expect('unusable' in result).toBe(/malformed|has no action/.test(reason));
  });

  it.each([
    ['comment.id', comment('/perf bench', (p) => Object.assign(p.comment, { id: '492700400' }))],
    ['pull_request.head.sha', prLabel('perf:bench', (p) => Object.assign(p.pull_request.head, { sha: 'HEAD' }))],
    ['action', { name: 'issue_comment', payload: {} }],
  ])('an unreadable payload names the field that did not match: %s', (field, event) => {
    expect(toPerfTrigger(event, OPTIONS)).toMatchObject({ unusable: { field } });
  });

  it('without botLogin, the app is still ignored as a bot', () => {
    const event = comment('/perf bench', (p) => Object.assign(p.comment.user, { login: 'perfbot[bot]', type: 'Bot' }));
    expect(toPerfTrigger(event, { labels: OPTIONS.labels })).toEqual({ ignored: 'comment by a bot (perfbot[bot])' });
  });
});
