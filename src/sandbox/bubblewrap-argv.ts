import type { SandboxLimits, SandboxNetwork } from './sandbox.ts';

/** What of the host a sandbox shows, decided once when the sandbox is created. */
export interface SandboxHostPlan {
  /**
   * Absolute paths of the programs run outside the sandbox, found once on a fixed system PATH: never looked up
   * on the command's PATH, which perf.yml can set.
   */
  tools: SandboxTools;
  /** Top-level system folders: bound read-only, or re-created as the same symlink (`/bin -> usr/bin`). */
  systemDirs: readonly ({ path: string; symlink: string } | { path: string; symlink?: undefined })[];
  /** Files and folders of /etc that programs need (users, DNS, certificates, the loader's cache), read-only. */
  etcPaths: readonly string[];
  /** The operator's extra read-only folders (`PERFBOT_SANDBOX_READ_ONLY`, e.g. a toolchain under /opt). */
  extraReadOnly: readonly string[];
  /** A resolv.conf that points at slirp4netns' DNS forwarder, bound over /etc/resolv.conf for `outbound`. */
  outboundResolvConf: string;
}

export interface SandboxTools {
  bwrap: string;
  /** Only needed for `outbound`; missing ones are named in `outboundProblem`. */
  slirp4netns: string;
  ip: string;
  nsenter: string;
  unshare: string;
  readlink: string;
  sleep: string;
}

/** The unprivileged user the command runs as inside (Debian's `nobody`). */
export const SANDBOX_UID = 65534;
/** The private, empty, size-limited home of every run. */
export const SANDBOX_HOME = '/home/sandbox';
/** The tap device slirp4netns creates, and whose default route the command waits for. */
export const SANDBOX_TAP = 'tap0';

export interface BubblewrapRun {
  /** What runs inside: the runner's timing wrapper around the command. */
  argv: readonly string[];
  cwd: string;
  writable: readonly string[];
  readOnly: readonly string[];
  network: SandboxNetwork;
  limits: SandboxLimits;
  /** A host folder to be the run's home instead of an empty tmpfs (the caller made it for this run only). */
  home?: string;
  /** The command may create user namespaces (an agent CLI's own sandbox); see `SandboxRequest.nestedSandbox`. */
  nestedSandbox?: boolean;
}

/**
 * The full argv of one sandboxed run: `bwrap … -- /bin/bash -c INNER perfbot-sandbox ARGV…`.
 * - new user, pid, ipc, uts, cgroup and (unless `host`) network namespaces; all capabilities dropped; an
 *   unprivileged uid; a new session (no TIOCSTI into the worker's terminal); killed with its parent;
 * - the system folders and a few /etc files read-only, a fresh /proc and /dev, private size-limited tmpfs
 *   `/tmp` and `$HOME`; then the extra read-only paths, then the writable ones (the run's own worktree), at
 *   their host paths; the root itself read-only. Nothing else of the host exists inside: not the worker's
 *   home, the work dir with the other mirrors and worktrees, the run files, the key file, `/proc` of the worker;
 * - INNER sets the kernel limits it can (`ulimit -u` processes, `ulimit -f` file size), then execs ARGV verbatim.
 * For `outbound`, the argv starts with the network launcher (`networkLauncher`), which runs bwrap.
 */
export function buildBubblewrapArgv(plan: SandboxHostPlan, run: BubblewrapRun): string[] {
  const args: string[] = [plan.tools.bwrap];
  args.push('--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try');
  // `outbound` runs bwrap inside a network namespace the launcher made and configured already.
  if (run.network === 'none') args.push('--unshare-net');
  // No user namespaces inside: they are the usual first step of a kernel exploit from an unprivileged process.
  // Unless an agent CLI needs them for its own sandbox around the commands it runs (the lesser risk).
  if (run.nestedSandbox !== true) args.push('--disable-userns');
  args.push('--die-with-parent', '--new-session', '--cap-drop', 'ALL');
  args.push('--uid', String(SANDBOX_UID), '--gid', String(SANDBOX_UID), '--hostname', 'perfbot-sandbox');
  for (const dir of plan.systemDirs) {
    if (dir.symlink !== undefined) args.push('--symlink', dir.symlink, dir.path);
    else args.push('--ro-bind', dir.path, dir.path);
  }
  for (const file of plan.etcPaths) args.push('--ro-bind-try', file, file);
  if (run.network === 'outbound') args.push('--ro-bind', plan.outboundResolvConf, '/etc/resolv.conf');
  args.push('--proc', '/proc', '--dev', '/dev');
  const tmpfsBytes = String(run.limits.diskBytes);
  args.push('--size', tmpfsBytes, '--tmpfs', '/tmp', '--size', tmpfsBytes, '--tmpfs', '/dev/shm');
  if (run.home === undefined) args.push('--size', tmpfsBytes, '--tmpfs', SANDBOX_HOME);
  else args.push('--bind', run.home, SANDBOX_HOME);
  for (const file of [...plan.extraReadOnly, ...run.readOnly]) args.push('--ro-bind-try', file, file);
  for (const dir of run.writable) args.push('--bind', dir, dir);
  args.push('--remount-ro', '/');
  args.push('--chdir', run.cwd, '--setenv', 'HOME', SANDBOX_HOME, '--setenv', 'TMPDIR', '/tmp');
  args.push('--', '/bin/bash', '--norc', '--noprofile', '-c', innerScript(run), 'perfbot-sandbox', ...run.argv);
  if (run.network !== 'outbound') return args;
  return ['/bin/bash', '--norc', '--noprofile', '-c', networkLauncher(plan.tools), 'perfbot-network', ...args];
}

function innerScript(run: BubblewrapRun): string {
  const fileBlocks = Math.max(1, Math.floor(run.limits.diskBytes / 1024));
  const lines = [
    // RLIMIT_NPROC counts the user's processes in this user namespace; the kernel ignores it when the worker runs
    // as root on the host, so the runner's sampling enforces `processes` as well.
    `ulimit -u ${run.limits.processes} 2>/dev/null`,
    `ulimit -f ${fileBlocks} 2>/dev/null`,
  ];
  lines.push('exec "$@"');
  return lines.join('\n');
}

/** Address ranges an `outbound` run can never reach: link-local (cloud metadata), private and shared ranges. */
export const BLOCKED_RANGES = [
  '169.254.0.0/16',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '0.0.0.0/8',
  '224.0.0.0/4',
];

/**
 * A bash script that gives `"$@"` (bwrap) outbound network:
 * 1. starts a new user and network namespace owned by the worker (`unshare --user --map-root-user --net`),
 *    in which a waiting shell execs bwrap only once the default route exists;
 * 2. once the namespace exists (its net namespace differs from ours: never touch the worker's) and unshare has
 *    mapped root in it (its uid and gid maps are written), adds
 *    blackhole routes for `BLOCKED_RANGES` inside it; bwrap's own user namespace, nested inside, has no
 *    capability over this network, so the command cannot remove them. slirp4netns' 10.0.2.0/24 stays
 *    reachable as the more specific route;
 * 3. starts slirp4netns with `--disable-host-loopback` (10.0.2.2 does not lead to the host's 127.0.0.1), which
 *    configures tap0 and the default route: only then does bwrap start;
 * 4. waits and stops slirp4netns. A step failing kills everything: no network is better than an unfiltered one.
 * The same steps work whether the worker is root or not. Every program is called by its absolute path: this
 * runs outside the sandbox with the command's environment, whose PATH perf.yml can set.
 */
export function networkLauncher(tools: SandboxTools): string {
  const q = (file: string) => `'${file.replaceAll("'", "'\\''")}'`;
  const waitForRoute = [
    'for ((n = 0; n < 1000; n++)); do',
    `  while read -r iface dest rest; do [ "$iface" = ${SANDBOX_TAP} ] && [ "$dest" = 00000000 ] && exec "$@"; done </proc/net/route`,
    `  ${q(tools.sleep)} 0.01`,
    'done',
    'echo "perfbot: the sandbox network did not come up within 10 s" >&2; exit 125',
  ].join('\n');
  return [
    `${q(tools.unshare)} --user --map-root-user --net -- /bin/bash --norc --noprofile -c ${q(waitForRoute)} perfbot-network "$@" &`,
    'ns=$!',
    'fail() { echo "perfbot: could not set up the sandbox network: $1" >&2; kill -KILL "$ns" 2>/dev/null; wait "$ns"; exit 125; }',
    `own=$(${q(tools.readlink)} /proc/self/ns/net)`,
    'for ((n = 0; n < 2000; n++)); do',
    `  theirs=$(${q(tools.readlink)} "/proc/$ns/ns/net" 2>/dev/null) || fail "the namespace process ended"`,
    '  [ "$theirs" != "$own" ] && break',
    `  ${q(tools.sleep)} 0.005`,
    'done',
    '[ "$theirs" != "$own" ] || fail "the network namespace was not created"',
    // The namespaces exist as soon as unshare(2) returns, but root is mapped only once unshare has written the
    // uid and gid maps: joining before that leaves nsenter without privileges in the namespace (EPERM).
    'for ((n = 0; n < 2000; n++)); do',
    '  { read -r _ <"/proc/$ns/uid_map" && read -r _ <"/proc/$ns/gid_map"; } 2>/dev/null && break',
    `  ${q(tools.sleep)} 0.005`,
    'done',
    '{ read -r _ <"/proc/$ns/uid_map" && read -r _ <"/proc/$ns/gid_map"; } 2>/dev/null || fail "the namespace\'s user mapping was not written"',
    `printf 'route add blackhole %s\\n' ${BLOCKED_RANGES.join(' ')} | ${q(tools.nsenter)} --preserve-credentials -U -n -t "$ns" ${q(tools.ip)} -batch - || fail "the blackhole routes could not be added"`,
    `${q(tools.slirp4netns)} --configure --mtu=65520 --disable-host-loopback "$ns" ${SANDBOX_TAP} >/dev/null 2>&1 &`,
    'slirp=$!',
    'wait "$ns"; rc=$?',
    'kill "$slirp" 2>/dev/null',
    'exit $rc',
  ].join('\n');
}
