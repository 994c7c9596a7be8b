import type { GitCredentials } from './workspace.ts';

/** Environment variables of the parent that git may see: what it needs to find programs, certs, proxies and ssh keys. */
const INHERITED = [
  'PATH', 'HOME', 'TMPDIR', 'SSH_AUTH_SOCK',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GIT_SSL_CAINFO', 'GIT_SSL_CAPATH',
] as const;

/**
 * Config that beats anything planted in a repository's own config, hooks directory or attributes.
 * Passed as `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` (git ≥ 2.31), which rank above every config file —
 * only a `-c` on the command line ranks higher, and the bot never builds those from untrusted input.
 * This list cannot cover filter drivers (their names are arbitrary) or `url.*.insteadOf`/`http.proxy`:
 * those are handled by rewriting the mirror's config from a constant before use (`sanitizeMirror`).
 */
const HARDENING: ReadonlyArray<readonly [string, string]> = [
  ['core.hooksPath', '/dev/null'],
  ['core.fsmonitor', 'false'],
  ['core.sshCommand', 'ssh -o BatchMode=yes'],
  ['core.pager', 'cat'],
  ['core.editor', 'false'],
  // An empty value clears every helper configured so far, including a planted `store` that would write the token to disk.
  ['credential.helper', ''],
  ['protocol.ext.allow', 'never'],
  ['fetch.recurseSubmodules', 'false'],
  ['submodule.recurse', 'false'],
  // Background gc/maintenance would outlive the command and race with our own locks.
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['color.ui', 'never'],
];

/** Names of the child-only variables that carry credentials to the credential helper below. */
const USERNAME_VAR = 'PERFBOT_GIT_USERNAME';
const PASSWORD_VAR = 'PERFBOT_GIT_PASSWORD';

/**
 * A credential helper that answers `get` from the environment of the git process that runs it.
 * The script itself holds no secret, so nothing sensitive appears in argv (`ps`) or in any file.
 */
const CREDENTIAL_HELPER = `!f() { test "$1" = get || return 0; echo "username=$${USERNAME_VAR}"; echo "password=$${PASSWORD_VAR}"; }; f`;

export interface HardenedGitEnvOptions {
  /** Credentials for this one command; they live only in the child's environment. */
  credentials?: GitCredentials;
  /** Extra variables such as `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE`. */
  extra?: Record<string, string>;
  /** Where inherited variables come from; defaults to this process's environment. */
  baseEnv?: NodeJS.ProcessEnv;
}

/**
 * The complete environment for one git child process. Nothing outside `INHERITED` leaks from the parent
 * (no tokens of other jobs, no `GIT_*` of the caller), system and global config are ignored, prompts fail
 * instead of hanging, replace refs are ignored, and `HARDENING` overrides the repository's config.
 */
export function hardenedGitEnv(options: HardenedGitEnvOptions = {}): Record<string, string> {
  const baseEnv = options.baseEnv ?? process.env;
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = baseEnv[name];
    if (value !== undefined) env[name] = value;
  }
  const config: Array<readonly [string, string]> = [...HARDENING];
  if (options.credentials) {
    config.push(['credential.helper', CREDENTIAL_HELPER]);
    env[USERNAME_VAR] = options.credentials.username;
    env[PASSWORD_VAR] = options.credentials.password;
  }
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return {
    ...env,
    GIT_CONFIG_COUNT: String(config.length),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    // Set but empty: git then neither runs an askpass program nor falls back to `core.askPass`.
    GIT_ASKPASS: '',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
    ...options.extra,
  };
}
