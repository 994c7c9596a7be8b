/**
 * Parent variables a benchmark may see: what locates tools, caches and the locale, nothing that
 * authenticates. Deliberately left out (pass them in `extra` if a repository needs them):
 * - NODE_OPTIONS, PYTHONPATH, RUBYOPT, JAVA_TOOL_OPTIONS, LD_PRELOAD…: they inject code or flags into every
 *   program the benchmark starts — the worker's own `--import tsx` would silently change what is measured.
 * - GOPROXY, NPM_CONFIG_*, PIP_INDEX_URL, CARGO_REGISTRIES_*: registry settings often carry credentials.
 * - DISPLAY, SSH_AUTH_SOCK, DBUS_*: sockets to the operator's session and agents.
 */
export const CHILD_ENV_ALLOW_LIST: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'TERM',
  'GOPATH',
  'GOROOT',
  'GOCACHE',
  'GOMODCACHE',
  'GOFLAGS',
  'CARGO_HOME',
  'RUSTUP_HOME',
  'RUSTUP_TOOLCHAIN',
  'JAVA_HOME',
];

/** Names that look like credentials or connections to the bot's own services. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PRIVATE|KEY|CREDENTIAL|REDIS|DATABASE_URL|AWS_|GH_|GITHUB_/i;

/** Names that make the runner's bash wrapper execute code before the command (startup file, exported functions). */
const SHELL_HOOK_NAME = /^(?:BASH_ENV$|BASH_FUNC_)/;

/** Values that carry a credential whatever their name: GitHub tokens, PEM keys, `scheme://user:pass@`. */
const SECRET_VALUES: readonly RegExp[] = [
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/,
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:[^\s/@]+@/i,
];

/** Whether `buildChildEnv` refuses a variable because of its name (so a caller can warn about it). */
export function isRefusedEnvName(name: string): boolean {
  return SECRET_NAME.test(name) || SHELL_HOOK_NAME.test(name);
}

/**
 * The environment for benchmark, setup and test processes: the allow-listed parent variables (plus every
 * `LC_*`) and `extra` on top, minus anything that looks secret by name or by value, and minus `BASH_ENV` and
 * `BASH_FUNC_*` (they would run code inside the measuring wrapper) — even when `extra` asks for them:
 * `extra` comes from repository configuration, which is not the place to hand out credentials.
 */
export function buildChildEnv(
  parentEnv: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parentEnv)) {
    if (value !== undefined && (CHILD_ENV_ALLOW_LIST.includes(name) || name.startsWith('LC_'))) env[name] = value;
  }
  Object.assign(env, extra);
  for (const [name, value] of Object.entries(env)) {
    const secretValue = SECRET_VALUES.some((pattern) => pattern.test(value));
    if (isRefusedEnvName(name) || secretValue || value.includes('\0')) delete env[name];
  }
  return env;
}
