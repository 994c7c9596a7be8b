import { describe, expect, it } from 'vitest';
import {
  cancelledBy,
  cancelReasonText,
  isShutdown,
  parseCancelReason,
  type CancelReason,
} from '../../../src/domain/cancel-reason.ts';

const aborted = (reason: unknown) => {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
};

describe('CancelReason', () => {
  it.each<[CancelReason, string]>([
    [{ kind: 'user', login: 'octocat' }, 'by @octocat'],
    [{ kind: 'user', login: 'dependabot[bot]' }, 'by @dependabot[bot]'],
    [{ kind: 'shutdown' }, 'shutdown'],
    [{ kind: 'other', text: 'the pull request was closed' }, 'the pull request was closed'],
  ])('%j travels as %j and reads back the same', (reason, text) => {
    expect(cancelReasonText(reason)).toBe(text);
    expect(parseCancelReason(text)).toEqual(reason);
  });

  it('reads anything else as other, never as a user', () => {
    expect(parseCancelReason('by @octo cat')).toEqual({ kind: 'other', text: 'by @octo cat' });
    expect(parseCancelReason(undefined)).toEqual({ kind: 'other', text: 'undefined' });
  });

  it('tells a shutdown and who cancelled from an aborted signal', () => {
    expect(isShutdown(aborted('shutdown'))).toBe(true);
    expect(isShutdown(aborted('by @octocat'))).toBe(false);
    expect(isShutdown(new AbortController().signal)).toBe(false);
    expect(cancelledBy(aborted('by @octocat'))).toBe('octocat');
    expect(cancelledBy(aborted('shutdown'))).toBeUndefined();
    expect(cancelledBy(new AbortController().signal)).toBeUndefined();
  });
});
