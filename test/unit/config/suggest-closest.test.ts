import { describe, expect, it } from 'vitest';
import { suggestClosest } from '../../../src/config/suggest-closest.ts';

describe('suggestClosest', () => {
  const keys = ['command', 'setup', 'format', 'filter', 'warmup', 'runs', 'timeBudgetSeconds', 'timeoutSeconds', 'env'];

  it.each([
    ['comand', 'command'],
    ['commmand', 'command'],
    ['run', 'runs'],
    ['timeoutseconds', 'timeoutSeconds'],
    ['time_budget_seconds', 'timeBudgetSeconds'],
    ['fomrat', 'format'],
    ['ENV', 'env'],
  ])('suggests %s → %s', (typo, suggestion) => {
    expect(suggestClosest(typo, keys)).toBe(suggestion);
  });

  it.each(['iterations', 'x', 'benchmarks'])('suggests nothing for the unrelated %s', (word) => {
    expect(suggestClosest(word, keys)).toBeUndefined();
  });

  it('suggests nothing from an empty list', () => {
    expect(suggestClosest('command', [])).toBeUndefined();
  });
});
