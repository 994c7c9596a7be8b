import { describe, expect, it } from 'vitest';
import { planRedeliveries } from '../../../src/sweeper/plan-redeliveries.ts';
import type { WebhookDelivery } from '../../../src/github/webhook-delivery-log.ts';

const at = (id: number, guid: string, status: string, deliveredAt: string): WebhookDelivery => ({
  id,
  guid,
  status,
  deliveredAt,
  event: 'issue_comment',
  redelivery: false,
});

describe('planRedeliveries', () => {
  it('one entry per GUID without an OK attempt, naming its newest failed attempt, oldest event first', () => {
    const plan = planRedeliveries([
      at(9, 'c', 'Invalid HTTP Response: 503', '2026-01-01T10:09:00Z'),
      at(8, 'a', 'timed out', '2026-01-01T10:08:00Z'),
      at(7, 'b', 'OK', '2026-01-01T10:07:00Z'),
      at(6, 'b', 'Invalid HTTP Response: 502', '2026-01-01T10:06:00Z'),
      at(5, 'a', 'failed to connect to host', '2026-01-01T10:05:00Z'),
      at(4, 'd', 'OK', '2026-01-01T10:04:00Z'),
    ]);
    expect(plan.map((d) => [d.guid, d.id])).toEqual([
      ['a', 8],
      ['c', 9],
    ]);
  });

  it('nothing to do for an empty log or one where everything arrived', () => {
    expect(planRedeliveries([])).toEqual([]);
    expect(planRedeliveries([at(1, 'x', 'OK', '2026-01-01T10:00:00Z')])).toEqual([]);
  });
});
