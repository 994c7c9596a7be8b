import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../../src/config/parse-repo-config.ts';
import { requireBenchmarkConfig } from '../../../src/config/require-benchmark-config.ts';
import { RepoConfigError } from '../../../src/domain/errors.ts';

describe('requireBenchmarkConfig', () => {
  it('returns the benchmark section when there is one', () => {
    const config = parseRepoConfig('benchmark:\n  command: make bench\n');
    expect(requireBenchmarkConfig(config).command).toBe('make bench');
  });

  it('says what to add when a valid perf.yml has no benchmark section', () => {
    const config = parseRepoConfig('review:\n  reviewers: [code]\n');
    expect(() => requireBenchmarkConfig(config)).toThrow(RepoConfigError);
    expect(() => requireBenchmarkConfig(config)).toThrow(
      [
        '.github/perf.yml has no benchmark section, so Perfbot does not know what to run. Add at least:',
        '',
        '  benchmark:',
        '    command: npm run bench',
        '',
        'See docs/perf-yml.md for every key, its default and an example.',
      ].join('\n'),
    );
  });
});
