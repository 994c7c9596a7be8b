import { spawnSync } from 'node:child_process';
import { accessSync, constants, lstatSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { notStarted, runProcess } from '../benchmark/runner/run-process.ts';
import { buildBubblewrapArgv, type SandboxHostPlan, type SandboxTools } from './bubblewrap-argv.ts';
import { DEFAULT_SANDBOX_LIMITS, resolveLimits, withOutputLimit, type Sandbox, type SandboxLimits } from './sandbox.ts';

/** Top-level folders that hold programs and libraries. Everything else of `/` is absent inside. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/** What programs read from /etc. Not the whole of /etc: it can hold the operator's keys and configs. */
const ETC_PATHS = [
  '/etc/passwd',
  '/etc/group',
  '/etc/hosts',
  '/etc/resolv.conf',
  '/etc/nsswitch.conf',
  '/etc/host.conf',
  '/etc/gai.conf',
  '/etc/protocols',
  '/etc/services',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/localtime',
  '/etc/timezone',
  '/etc/os-release',
  '/etc/debian_version',
  '/etc/alternatives',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/ca-certificates.conf',
  '/etc/pki',
  '/etc/mime.types',
  '/etc/java-17-openjdk',
];

/** The sandbox's own processes: killed with the run, but neither their memory nor their CPU is the command's. */
const SANDBOX_PROCESSES = ['bwrap', 'slirp4netns', 'unshare', 'nsenter', 'ip'];

/** A sandboxed command killed by SIGXFSZ wrote a file larger than `ulimit -f`. */
const SIGXFSZ_EXIT = 128 + (os.constants.signals.SIGXFSZ ?? 25);

/** Where the programs the sandbox runs outside itself are looked up: fixed, never the command's PATH. */
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export interface BubblewrapOptions {
  /** The bwrap executable; default: found on the system PATH. */
  bwrap?: string;
  extraReadOnly?: readonly string[];
  limits?: SandboxLimits;
}

/** Where bubblewrap could not start, and why (bwrap's own words), so the operator can fix it. */
export function probeBubblewrap(options: BubblewrapOptions = {}): string | undefined {
  if (process.platform !== 'linux') return `the sandbox needs Linux (this is ${process.platform})`;
  const plan = planHost(options);
  if (!plan.tools.bwrap.startsWith('/')) return 'bwrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)';
  const argv = buildBubblewrapArgv(plan, {
    argv: ['/bin/true'],
    cwd: '/',
    writable: [],
    readOnly: [],
    network: 'none',
    limits: options.limits ?? DEFAULT_SANDBOX_LIMITS,
  });
  const probe = spawnSync(argv[0]!, argv.slice(1), {
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: '/usr/bin:/bin' },
  });
  if (probe.error) {
    const missing = (probe.error as NodeJS.ErrnoException).code === 'ENOENT';
    return missing
      ? `${plan.tools.bwrap} does not exist (Debian/Ubuntu: apt-get install bubblewrap)`
      : `bwrap could not start: ${probe.error.message}`;
  }
  if (probe.status === 0) return undefined;
  const said = probe.stderr.trim().split('\n').slice(-3).join(' ');
  return `bwrap failed (${said || `exit code ${probe.status}`}); unprivileged user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone=1, or in a container the seccomp/AppArmor settings in the README)`;
}

/** Why `outbound` network cannot be given here, or undefined when slirp4netns, ip and nsenter are all present. */
function outboundProblem(tools: SandboxTools): string | undefined {
  const missing = [tools.slirp4netns, tools.ip, tools.nsenter, tools.unshare].filter((tool) => !tool.startsWith('/'));
  if (missing.length === 0) return undefined;
  return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed (Debian/Ubuntu: apt-get install slirp4netns iproute2 util-linux)`;
}

/**
 * The embedded sandbox on Linux: every run in its own bubblewrap container (see `buildBubblewrapArgv`),
 * supervised and measured by `runProcess` from outside — whole-tree CPU and memory, the timeout, the abort,
 * the tree kill. The pid namespace makes the end exact: when the command exits, its namespace's init exits
 * and the kernel kills every process left in it, `env -i` daemons included.
 */
export function createBubblewrapSandbox(options: BubblewrapOptions = {}): Sandbox {
  const plan = planHost(options);
  const defaults = options.limits ?? DEFAULT_SANDBOX_LIMITS;
  const noOutbound = outboundProblem(plan.tools);
  return {
    kind: 'bubblewrap',
    description:
      'every command ran in a bubblewrap sandbox: its own worktree writable, the system read-only, no secrets, no other repository, a private empty home, and no network unless perf.yml grants it',
    async run(request) {
      const limits = resolveLimits(defaults, request);
      const network = request.network ?? 'none';
      if (network === 'outbound' && noOutbound) {
        return notStarted(`the sandbox cannot give this command outbound network: ${noOutbound}`);
      }
      const result = await runProcess({
        ...request,
        maxOutputBytes: request.maxOutputBytes ?? limits.outputBytes,
        limits: { memoryBytes: limits.memoryBytes, processes: limits.processes },
        // The runner's timing wrapper runs inside the sandbox, so the sandbox's start-up is not measured.
        launch: (wrapper) =>
          buildBubblewrapArgv(plan, {
            argv: wrapper,
            cwd: request.cwd,
            writable: request.writable ?? [request.cwd],
            readOnly: request.readOnly ?? [],
            network,
            limits,
            ...(request.home === undefined ? {} : { home: request.home }),
            ...(request.nestedSandbox === true ? { nestedSandbox: true } : {}),
          }),
        unmeasured: SANDBOX_PROCESSES,
      });
      if (result.exitCode === SIGXFSZ_EXIT && !result.limitExceeded) {
        const mib = Math.round(limits.diskBytes / 2 ** 20);
        return {
          ...result,
          limitExceeded: { limit: 'disk', message: `wrote a file larger than its disk limit of ${mib} MiB` },
        };
      }
      return withOutputLimit(result, request.maxOutputBytes ?? limits.outputBytes);
    },
  };
}

function planHost(options: BubblewrapOptions): SandboxHostPlan {
  const systemDirs: SandboxHostPlan['systemDirs'][number][] = [];
  for (const dir of SYSTEM_DIRS) {
    const stat = lstatOrUndefined(dir);
    if (!stat) continue;
    if (stat.isSymbolicLink()) systemDirs.push({ path: dir, symlink: readlinkSync(dir) });
    else if (stat.isDirectory()) systemDirs.push({ path: dir });
  }
  const tools: SandboxTools = {
    bwrap: options.bwrap ?? findSystemProgram('bwrap'),
    slirp4netns: findSystemProgram('slirp4netns'),
    ip: findSystemProgram('ip'),
    nsenter: findSystemProgram('nsenter'),
    unshare: findSystemProgram('unshare'),
    readlink: findSystemProgram('readlink'),
    sleep: findSystemProgram('sleep'),
  };
  return {
    tools,
    systemDirs,
    etcPaths: ETC_PATHS,
    extraReadOnly: options.extraReadOnly ?? [],
    outboundResolvConf: fileURLToPath(new URL('slirp-resolv.conf', import.meta.url)),
  };
}

/** The absolute path of `name` on the fixed system PATH, or the bare name when it is not installed. */
function findSystemProgram(name: string): string {
  for (const dir of SYSTEM_PATH) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return name;
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
