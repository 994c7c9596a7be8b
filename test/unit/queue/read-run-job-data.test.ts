import { describe, expect, it } from 'vitest';
import { readRunJobData } from '../../../src/queue/read-run-job-data.ts';
import { runRequest } from '../../integration/queue/redis-test-context.ts';

describe('readRunJobData', () => {
  it('reads a run request as intake writes it: ids only, no clone URL', () => {
    const data = runRequest();
    expect(readRunJobData(data)).toEqual(data);
    expect(JSON.stringify(data)).not.toContain('clone');
  });

  it('still reads a job queued by an earlier version, which carried a clone URL nobody reads', () => {
    const queued = runRequest();
    const earlier = { ...queued, repo: { ...queued.repo, cloneUrl: 'https://github.com/octo/repo42.git' } };
    expect(readRunJobData(earlier)?.repo.id).toBe(42);
  });

  it('refuses data with a field it does not know, or a token where an id belongs', () => {
    expect(readRunJobData({ ...runRequest(), token: 'ghs_secret' })).toBeUndefined();
    expect(readRunJobData({ ...runRequest(), installationId: 'ghs_secret' })).toBeUndefined();
  });
});
