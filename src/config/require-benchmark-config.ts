import { RepoConfigError } from '../domain/errors.ts';
import type { BenchmarkConfig } from './benchmark-config.ts';
import { MINIMAL_PERF_YML, PERF_YML_DOCS, PERF_YML_PATH } from './perf-yml-docs.ts';
import type { RepoConfig } from './repo-config.ts';

/**
 * The `benchmark` section, for the commands that run benchmarks. A perf.yml without one is valid (reviews and
 * triggers still work), so benchmarking asks for it here, with a message saying what to add.
 * @throws RepoConfigError when the section is missing.
 */
export function requireBenchmarkConfig(config: RepoConfig, file = PERF_YML_PATH): BenchmarkConfig {
  if (config.benchmark !== undefined) return config.benchmark;
  const example = MINIMAL_PERF_YML.trimEnd().replace(/^/gm, '  ');
  throw new RepoConfigError(
    [
      `${file} has no benchmark section, so Perfbot does not know what to run. Add at least:`,
      '',
      example,
      '',
      `See ${PERF_YML_DOCS} for every key, its default and an example.`,
    ].join('\n'),
    [{ path: 'benchmark', message: 'missing; expected a mapping with at least a command' }],
    file,
  );
}
