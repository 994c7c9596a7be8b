import type { GitCredentials } from './workspace.ts';

/** Environment variables of the parent that git may see: what it needs to find programs, certs, proxies and ssh keys. */
const INHERITED = [
  'PATH',
  'HOME',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
] as const;

/**
 * Config that beats anything planted in a repository's own config, hooks directory or attributes.
 * Passed as `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` (git ≥ 2.31), which rank above every config file —
 * only a `-c` on the command line ranks higher, and the bot never builds those from untrusted input.
 * This list cannot cover filter drivers (their names are arbitrary) or `url.*.insteadOf`/`http.proxy`:
 * those are handled by rewriting the repository's config from a constant before use (`sanitizeMirror`), by
 * running credentialed commands outside the repository's git directory (`runIsolatedGit`), and, for the
 * token, by a credential helper that only answers for the expected remote.
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

/** Names of the child-only variables that carry credentials, and the remote they are for, to the helper below. */
const USERNAME_VAR = 'PERFBOT_GIT_USERNAME';
const PASSWORD_VAR = 'PERFBOT_GIT_PASSWORD';
const PROTOCOL_VAR = 'PERFBOT_GIT_PROTOCOL';
const HOST_VAR = 'PERFBOT_GIT_HOST';

/**
 * A credential helper that answers `get` from the environment of the git process that runs it, and only when
 * the `protocol` and `host` git asks for are the expected remote's: a URL rewritten by a planted
 * `url.*.insteadOf` or a redirect to another host gets nothing. The script itself holds no secret, so nothing
 * sensitive appears in argv (`ps`) or in any file. (Some lines are plain strings so that the shell's
 * `${line#…}` is not read as a template placeholder.)
 */
const CREDENTIAL_HELPER = [
  '!f() {',
  ' test "$1" = get || return 0;',
  ' protocol=; host=;',
  ' while IFS= read -r line && test -n "$line"; do',
  '  case "$line" in protocol=*) protocol="${line#protocol=}";; host=*) host="${line#host=}";; esac;',
  ' done;',
  ` test -n "$${PROTOCOL_VAR}" && test "$protocol" = "$${PROTOCOL_VAR}" && test "$host" = "$${HOST_VAR}" || return 0;`,
  ` echo "username=$${USERNAME_VAR}"; echo "password=$${PASSWORD_VAR}";`,
  ' }; f',
].join('');

export interface HardenedGitEnvOptions {
  /** Credentials for this one command; they live only in the child's environment. Requires `remote`. */
  credentials?: GitCredentials;
  /**
   * The URL the credentials are for (the clone URL, without userinfo). The helper answers only for its
   * protocol and host (HTTP(S) only; nothing is handed out for ssh, file or local remotes), and git may use
   * no other transport than its scheme.
   */
  remote?: string;
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
    if (options.remote === undefined) throw new Error('hardenedGitEnv: credentials need the remote they are for');
    const scheme = remoteScheme(options.remote);
    // Env config ranks above the repository's: a planted `protocol.*.allow` cannot reopen another transport.
    config.push(['protocol.allow', 'never'], [`protocol.${scheme}.allow`, 'always']);
    const scope = credentialScope(options.remote);
    if (scope !== undefined) {
      config.push(['credential.helper', CREDENTIAL_HELPER]);
      env[USERNAME_VAR] = options.credentials.username;
      env[PASSWORD_VAR] = options.credentials.password;
      env[PROTOCOL_VAR] = scope.protocol;
      env[HOST_VAR] = scope.host;
    }
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

/** The transport git uses for a remote: the URL scheme, `ssh` for scp-like `host:path`, `file` for a path. */
function remoteScheme(remote: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(remote)?.[1];
  if (scheme !== undefined) return scheme.toLowerCase();
  return /^[^/.][^:/]*:/.test(remote) ? 'ssh' : 'file';
}

/**
 * What git sends the helper for an HTTP(S) remote (`protocol=https`, `host=github.com` or `host=name:port`);
 * undefined for any other remote, where git never asks a helper for a password.
 */
function credentialScope(remote: string): { protocol: string; host: string } | undefined {
  const parsed = URL.canParse(remote) ? new URL(remote) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.host === '')
    return undefined;
  return { protocol: parsed.protocol.slice(0, -1), host: parsed.host };
}
