import { readFile } from 'node:fs/promises';
import { RepoConfigError } from '../domain/errors.ts';
import { parseRepoConfig } from './parse-repo-config.ts';
import { MINIMAL_PERF_YML, PERF_YML_DOCS, PERF_YML_PATH } from './perf-yml-docs.ts';
import type { RepoConfig } from './repo-config.ts';

/**
 * Reads and parses a perf.yml file from disk (the CLI's path; the GitHub App reads the text through the API and
 * calls `parseRepoConfig` itself). Error messages name `filePath` as given.
 * @throws RepoConfigError when the file is missing or invalid.
 */
export async function loadRepoConfig(filePath: string): Promise<RepoConfig> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RepoConfigError(missingFileMessage(filePath), [], filePath);
    throw new RepoConfigError(`${filePath} could not be read (${code ?? String(error)}).`, [], filePath);
  }
  return parseRepoConfig(text, filePath);
}

function missingFileMessage(filePath: string): string {
  const example = MINIMAL_PERF_YML.trimEnd().replace(/^/gm, '  ');
  return [
    `${filePath} does not exist. Perfbot needs a ${PERF_YML_PATH} that says how to run your benchmarks. Create it with at least:`,
    '',
    example,
    '',
    `See ${PERF_YML_DOCS} for every key, its default and an example.`,
  ].join('\n');
}
