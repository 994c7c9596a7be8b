import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { IntakeJobData, PerfTriggerSchema } from '../../../src/queue/intake-job-data.ts';
import type { PerfTrigger, PerfTriggerOptions } from '../../../src/webhooks/perf-trigger.ts';
import { toPerfTrigger } from '../../../src/webhooks/to-perf-trigger.ts';
import { issueCommentPayload, issuesLabeledPayload, pullRequestLabeledPayload } from '../../unit/webhooks/webhook-payloads.ts';

const OPTIONS: PerfTriggerOptions = { labels: { bench: 'perf:bench', optimize: 'perf:optimize' }, botLogin: 'perfbot[bot]' };

function trigger(name: string, payload: unknown): PerfTrigger {
  const result = toPerfTrigger({ name, payload }, OPTIONS);
  if ('ignored' in result) throw new Error(`fixture was ignored: ${result.ignored}`);
  return result;
}

describe('PerfTriggerSchema', () => {
  it('is the PerfTrigger type, in both directions', () => {
    expectTypeOf<z.infer<typeof PerfTriggerSchema>>().toExtend<PerfTrigger>();
    expectTypeOf<PerfTrigger>().toExtend<z.infer<typeof PerfTriggerSchema>>();
  });

  it.each([
    ['a bench comment with every flag', 'issue_comment', issueCommentPayload('/perf bench parse/* --runs 20 --vs v1.2')],
    ['an optimize comment', 'issue_comment', issueCommentPayload('/perf optimize --target 20% --max-iter 3 the parser')],
    ['an invalid command', 'issue_comment', issueCommentPayload('/perf bench --runs ten')],
    ['a status comment on an issue', 'issue_comment', issueCommentPayload('/perf status', { onPull: false })],
    ['a bench label on a pull request', 'pull_request', pullRequestLabeledPayload('perf:bench')],
    ['an optimize label on an issue', 'issues', issuesLabeledPayload('perf:optimize')],
  ])('accepts what the webhook translator produces: %s', (_, name, payload) => {
    const data = { deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958', receivedAt: '2026-01-02T03:04:05.000Z', trigger: trigger(name, payload) };
    expect(IntakeJobData.parse(data)).toEqual(data);
  });

  it('rejects job data that the translator never produces (crafted in Redis, T15)', () => {
    const valid = trigger('issue_comment', issueCommentPayload('/perf bench'));
    const cases = [
      { ...valid, token: 'ghs_secret' },
      { ...valid, command: { kind: 'bench', filter: 'x; rm -rf /' } },
      { ...valid, command: { kind: 'bench', runs: 1000 } },
      { ...valid, command: { kind: 'shell', run: 'id' } },
      { ...valid, installationId: -1 },
    ];
    for (const bad of cases) expect(PerfTriggerSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    const deliveryWithColon = { deliveryId: 'a:b', receivedAt: 'now', trigger: valid };
    expect(IntakeJobData.safeParse(deliveryWithColon).success).toBe(false);
  });
});
