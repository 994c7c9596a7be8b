/** Where users read about every key; named at the end of every configuration error. */
export const PERF_YML_DOCS = 'docs/perf-yml.md';

/** Where the GitHub App and `perfbot bench` look for the repository's configuration. */
export const PERF_YML_PATH = '.github/perf.yml';

/** The smallest useful `.github/perf.yml`, shown when the file is missing or has no `benchmark` section. */
export const MINIMAL_PERF_YML = `benchmark:
  command: npm run bench
`;
