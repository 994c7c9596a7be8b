import type { CommandSpec } from '../../config/command-spec.ts';

/**
 * What the benchmark and the tests are made of, in the usual layouts: an optimization that edits them changes
 * the measurement or the check rather than the code (the commonest reward hack of AI performance work). Globs
 * are path-aware (`matchPathGlob`) and match at any depth; paths are also compared lowercased.
 */
export const DEFAULT_PROTECTED_GLOBS = [
  '**/bench/**',
  '**/benchmarks/**',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/*_test.go',
  '**/*.bench.*',
  '**/*.test.*',
  '**/*.spec.*',
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
  '**/fixtures/**',
  '**/testdata/**',
  '.github/perf.yml',
] as const;

export interface ProtectedPathSources {
  /** `benchmark.command` and `benchmark.setup`, `test.command`: the files they name are protected too. */
  commands: readonly (CommandSpec | undefined)[];
  /** `optimize.protect` from perf.yml. */
  extra: readonly string[];
}

/**
 * The globs of files no optimization may touch: the defaults, every file or folder the configured commands
 * name (`node bench.js`, `pytest tests/perf`), and `optimize.protect`. A word of a command counts as a path
 * when it is relative and looks like one (has a `/` or a `.`, is not an option); it protects the file of that
 * name and everything under it, so it only matters when the agent touches such a path.
 */
export function protectedPaths(sources: ProtectedPathSources): string[] {
  const named = sources.commands.flatMap((command) => (command === undefined ? [] : commandPaths(command)));
  const fromCommands = named.flatMap((path) => [path, `${path}/**`]);
  return [...new Set([...DEFAULT_PROTECTED_GLOBS, ...fromCommands, ...sources.extra])];
}

/** Relative paths among a command's words (`./bench.js` → `bench.js`, `--config=bench/x.yml` → `bench/x.yml`). */
export function commandPaths(command: CommandSpec): string[] {
  const words = typeof command === 'string' ? command.split(/[\s;&|()<>`]+/) : command;
  return words.flatMap((word) => {
    const value = stripQuotes(word.includes('=') ? word.slice(word.indexOf('=') + 1) : word);
    const path = value.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    if (path === '' || path.startsWith('-') || path.startsWith('/') || path.startsWith('$') || path.includes('..'))
      return [];
    // `tests/` names a folder as surely as `bench.js` names a file; `node` or `pytest` name programs.
    if (/[*?[\]{}~\\]/.test(path) || !/[./]/.test(value) || path === '.' || path === '') return [];
    return [path];
  });
}

function stripQuotes(word: string): string {
  return word.replace(/^['"]|['"]$/g, '');
}
