import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { forMarkdownInline } from '../../domain/untrusted-text.ts';
import { ProfileFormatError } from '../../domain/errors.ts';
import type { ProfiledFunction, ProfileSummary } from './profile-summary.ts';
import { relativeLocation } from './relative-location.ts';

/** A profile with more nodes or samples than this is refused rather than summarized slowly. */
const MAX_NODES = 200_000;
const MAX_SAMPLES = 2_000_000;
/** V8's bookkeeping frames: the tree's root and the time the thread waited. Not functions of the program. */
const META = new Set(['(root)', '(idle)']);

const int = z.number().int();
/** The V8 `.cpuprofile` format (`Profiler.Profile` of the DevTools protocol), as `node --cpu-prof` writes it. */
const CpuProfile = z.object({
  nodes: z
    .array(
      z.object({
        id: int.min(0),
        callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: int, columnNumber: int }),
        children: z.array(int).optional(),
      }),
    )
    .min(1)
    .max(MAX_NODES),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(int).max(MAX_SAMPLES),
  timeDeltas: z.array(z.number()).max(MAX_SAMPLES),
});
type CpuProfileNode = z.infer<typeof CpuProfile>['nodes'][number];

/**
 * Where the time of a `node --cpu-prof` run went: each function's self time (the samples it was on top of the
 * stack) and total time (the samples it was anywhere on the stack, once per sample however deep it recursed).
 * Sample `i` lasts until sample `i + 1` (the last one until `endTime`), as DevTools counts it. Idle time is left
 * out; the program's own bookkeeping (`(program)`, `(garbage collector)`) stays, since it is time the run spent.
 * The file comes from the repository's code, so everything is checked: a malformed or inconsistent profile is a
 * `ProfileFormatError`, never a crash or a wrong table. Paths under `root` become relative to it.
 */
export function summarizeCpuProfile(json: string, options: { root?: string } = {}): ProfileSummary {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ProfileFormatError('the .cpuprofile file is not JSON');
  }
  const parsed = CpuProfile.safeParse(data);
  if (!parsed.success)
    throw new ProfileFormatError(
      `the .cpuprofile file is not a V8 CPU profile (${parsed.error.issues[0]?.message ?? 'bad shape'})`,
    );
  const profile = parsed.data;
  if (profile.samples.length !== profile.timeDeltas.length)
    throw new ProfileFormatError('the .cpuprofile file has as many samples as time deltas');
  const nodes = indexNodes(profile.nodes);
  const root = findRoot(profile.nodes);

  const selfUs = new Map<number, number>();
  let time = profile.startTime;
  const stamps = profile.timeDeltas.map((delta) => (time += delta));
  let sampledUs = 0;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    if (node === undefined)
      throw new ProfileFormatError(`the .cpuprofile file has a sample of node ${id}, which does not exist`);
    const duration = Math.max(0, (stamps[index + 1] ?? profile.endTime) - (stamps[index] ?? profile.endTime));
    selfUs.set(id, (selfUs.get(id) ?? 0) + duration);
    if (node.callFrame.functionName !== '(idle)') sampledUs += duration;
  });

  // Summed in µs (whole numbers in practice) and converted once, so the figures carry no rounding drift.
  const functions = new Map<string, { name: string; location: string; selfUs: number; totalUs: number }>();
  for (const { node, subtreeUs, outermost } of walkTree(root, nodes, selfUs)) {
    const { functionName } = node.callFrame;
    if (META.has(functionName)) continue;
    const key = functionKey(node);
    const entry = functions.get(key) ?? {
      name: forMarkdownInline(functionName || '(anonymous)'),
      location: locationOf(node, options.root),
      selfUs: 0,
      totalUs: 0,
    };
    entry.selfUs += selfUs.get(node.id) ?? 0;
    if (outermost) entry.totalUs += subtreeUs;
    functions.set(key, entry);
  }
  const list: ProfiledFunction[] = [...functions.values()]
    .filter((entry) => entry.totalUs > 0)
    .map(({ name, location, selfUs: self, totalUs }) => ({
      name,
      location,
      selfMs: self / 1000,
      totalMs: totalUs / 1000,
    }));
  return { tool: 'node --cpu-prof', totalMs: sampledUs / 1000, functions: list };
}

function indexNodes(list: readonly CpuProfileNode[]): Map<number, CpuProfileNode> {
  const nodes = new Map<number, CpuProfileNode>();
  for (const node of list) {
    if (nodes.has(node.id)) throw new ProfileFormatError(`the .cpuprofile file has two nodes with id ${node.id}`);
    nodes.set(node.id, node);
  }
  return nodes;
}

/** The one node nobody lists as a child; the walk then proves every node is reached exactly once (a tree). */
function findRoot(list: readonly CpuProfileNode[]): CpuProfileNode {
  const children = new Set(list.flatMap((node) => node.children ?? []));
  const roots = list.filter((node) => !children.has(node.id));
  if (roots.length !== 1 || roots[0] === undefined)
    throw new ProfileFormatError("the .cpuprofile file's nodes do not form one tree");
  return roots[0];
}

interface WalkedNode {
  node: CpuProfileNode;
  /** Self time of the node and all its descendants, in µs. */
  subtreeUs: number;
  /** No ancestor is the same function: its subtree counts towards the function's total (recursion once). */
  outermost: boolean;
}

/** Every node once, children before parents, without recursion (a deep stack must not overflow ours). */
function walkTree(root: CpuProfileNode, nodes: Map<number, CpuProfileNode>, selfUs: Map<number, number>): WalkedNode[] {
  const result: WalkedNode[] = [];
  const onPath = new Map<string, number>();
  const seen = new Set<number>();
  const stack: { node: CpuProfileNode; subtreeUs: number; outermost: boolean; next: number }[] = [];
  const enter = (node: CpuProfileNode) => {
    if (seen.has(node.id)) throw new ProfileFormatError("the .cpuprofile file's nodes do not form one tree");
    seen.add(node.id);
    const key = functionKey(node);
    const depth = onPath.get(key) ?? 0;
    onPath.set(key, depth + 1);
    stack.push({ node, subtreeUs: selfUs.get(node.id) ?? 0, outermost: depth === 0, next: 0 });
  };
  enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    const childId = top.node.children?.[top.next++];
    if (childId !== undefined) {
      const child = nodes.get(childId);
      if (child === undefined)
        throw new ProfileFormatError(`the .cpuprofile file names node ${childId} as a child, which does not exist`);
      enter(child);
      continue;
    }
    stack.pop();
    const key = functionKey(top.node);
    onPath.set(key, (onPath.get(key) ?? 1) - 1);
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.subtreeUs += top.subtreeUs;
    result.push({ node: top.node, subtreeUs: top.subtreeUs, outermost: top.outermost });
  }
  if (seen.size !== nodes.size) throw new ProfileFormatError("the .cpuprofile file's nodes do not form one tree");
  return result;
}

function functionKey(node: CpuProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  return JSON.stringify([functionName, url, lineNumber, columnNumber]);
}

/** `src/slow.js:2` (V8 counts lines from 0); the URL as written when it is not a `file://` URL. */
function locationOf(node: CpuProfileNode, root: string | undefined): string {
  const { url, lineNumber } = node.callFrame;
  let file = url;
  if (url.startsWith('file://')) {
    try {
      file = fileURLToPath(url);
    } catch {
      file = url;
    }
  }
  return relativeLocation(file, lineNumber >= 0 ? lineNumber + 1 : undefined, root);
}
