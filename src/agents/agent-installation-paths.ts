import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The folders the agent's own installation lives in, so the sandbox shows them read-only: for each absolute path
 * in its argv (and the program found on PATH), the folder of its real path (`node_modules/.bin/claude` → the
 * package's `bin/`). Inside a `node_modules` package, also the package and its platform packages: npm CLIs ship
 * their native binary as `<package>-<platform>` next to a launcher (`@openai/codex` → `@openai/codex-linux-x64`).
 * For a script, also its interpreter's folder (`#!/usr/bin/env node` with node from nvm under `/opt` or `$HOME`).
 * System folders are inside anyway.
 */
export function agentInstallationPaths(argv: readonly string[], searchPath: string | undefined): string[] {
  const candidates = argv.filter((arg) => path.isAbsolute(arg));
  const program = argv[0];
  if (program !== undefined && !program.includes('/')) {
    for (const dir of (searchPath ?? '').split(':').filter(Boolean)) candidates.push(path.join(dir, program));
  }
  const dirs = new Set<string>();
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      const real = realpathSync(candidate);
      dirs.add(path.dirname(real));
      dirs.add(path.dirname(candidate));
      for (const dir of packageDirs(real)) dirs.add(dir);
      const interpreter = interpreterOf(real, searchPath);
      if (interpreter !== undefined) dirs.add(path.dirname(realpathSync(interpreter)));
    } catch {
      // not a file: an argument, not an installation
    }
  }
  return [...dirs].filter((dir) => !/^\/(?:usr|bin|sbin|lib\w*)(?:\/|$)/.test(dir) && dir !== '/');
}

/** `…/node_modules/@scope/name/bin/x` → that package's folder and its `@scope/name-*` siblings. */
function packageDirs(file: string): string[] {
  const match = /^(.*\/node_modules)\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (match === null) return [];
  const [, modules = '', name = ''] = match;
  const scopeDir = path.join(modules, path.dirname(name));
  const base = path.basename(name);
  try {
    const siblings = readdirSync(scopeDir).filter((entry) => entry.startsWith(`${base}-`));
    return [path.join(modules, name), ...siblings.map((entry) => path.join(scopeDir, entry))];
  } catch {
    return [path.join(modules, name)];
  }
}

/** The interpreter a script's `#!` line names (`#!/usr/bin/env node` → `node` found on `searchPath`), if any. */
function interpreterOf(file: string, searchPath: string | undefined): string | undefined {
  const head = Buffer.alloc(256);
  const fd = openSync(file, 'r');
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const line = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head.subarray(0, length).toString('latin1').split('\n')[0] ?? '');
  if (line === null) return undefined;
  const [, command = '', argument] = line;
  const name = path.basename(command) === 'env' ? argument : command;
  if (name === undefined) return undefined;
  if (path.isAbsolute(name)) return name;
  const found = (searchPath ?? '')
    .split(':')
    .filter(Boolean)
    .map((dir) => path.join(dir, name));
  return found.find((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}
