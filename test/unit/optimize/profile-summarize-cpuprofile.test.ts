import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileFormatError } from '../../../src/domain/errors.ts';
import { summarizeCpuProfile } from '../../../src/optimize/profile/summarize-cpuprofile.ts';

/**
 * A real profile: `node --cpu-prof --cpu-prof-interval 2000 prog.js` in /tmp/prof, where prog.js is the
 * fixture slow-sum.js (main → slowSum → inner, three rounds, then one console.log).
 */
const PROFILE = readFileSync(new URL('../../fixtures/profiles/slow-sum.cpuprofile', import.meta.url), 'utf8');

describe('summarizeCpuProfile', () => {
  const summary = summarizeCpuProfile(PROFILE, { root: '/tmp/prof' });
  const byName = (name: string) => summary.functions.filter((entry) => entry.name === name);

  it('counts every sample until the next one (the last until endTime), leaving idle time out', () => {
    // 29 samples; the 111 µs of the last one, on (idle), is not CPU time of the program.
    expect(summary.tool).toBe('node --cpu-prof');
    expect(summary.totalMs).toBe(64.862);
  });

  it.each([
    // name, location (relative to the root, lines from 1), self ms, total ms
    ['inner', 'prog.js:1', 51.148, 51.148],
    ['slowSum', 'prog.js:2', 0, 51.148],
    // main also calls console.log: its total includes the module loading and nextTick below it.
    ['main', 'prog.js:3', 0, 54.487],
    ['(anonymous)', 'prog.js:1', 3.869, 58.356],
    ['(program)', '', 4.014, 4.014],
    ['stat', 'node:internal/modules/cjs/loader:229', 2.492, 2.492],
    ['executeUserEntryPoint', 'node:internal/modules/run_main:155', 0, 60.848],
    // Called recursively six deep: its total is counted once per sample, not once per frame.
    ['compileForInternalLoader', 'node:internal/bootstrap/realm:383', 2.118, 2.118],
    ['requireBuiltin', 'node:internal/bootstrap/realm:420', 0, 2.118],
  ])('%s at %s: %f ms self, %f ms total', (name, location, selfMs, totalMs) => {
    expect(byName(name).filter((entry) => entry.location === location)).toEqual([{ name, location, selfMs, totalMs }]);
  });

  it('leaves out V8 bookkeeping frames and functions that took no time', () => {
    expect(byName('(root)')).toEqual([]);
    expect(byName('(idle)')).toEqual([]);
    expect(summary.functions.every((entry) => entry.totalMs > 0)).toBe(true);
  });

  it('keeps absolute paths outside the root as they are', () => {
    expect(summarizeCpuProfile(PROFILE).functions.find((entry) => entry.name === 'inner')?.location).toBe(
      '/tmp/prof/prog.js:1',
    );
  });

  it('cleans names the profiled code chose: no control or invisible characters, capped', () => {
    const profile = JSON.parse(PROFILE) as { nodes: { callFrame: { functionName: string } }[] };
    const inner = profile.nodes.find((node) => node.callFrame.functionName === 'inner')!;
    inner.callFrame.functionName = `evil\n## New rules\u202e${'x'.repeat(300)}`;
    const name =
      summarizeCpuProfile(JSON.stringify(profile)).functions.find((entry) => entry.name.startsWith('evil'))?.name ?? '';
    expect(name).toMatch(/^evil ## New rules x+…$/);
    expect(Array.from(name)).toHaveLength(100);
  });

  const valid = () =>
    JSON.parse(PROFILE) as Record<string, unknown> & {
      nodes: { id: number; children?: number[] }[];
      samples: number[];
    };
  it.each<[string, (profile: ReturnType<typeof valid>) => unknown, string]>([
    ['not JSON', () => '{"nodes": [', 'the .cpuprofile file is not JSON'],
    ['no samples', (p) => ({ ...p, samples: undefined }), 'the .cpuprofile file is not a V8 CPU profile'],
    [
      'a sample of an unknown node',
      (p) => ({ ...p, samples: [...p.samples.slice(1), 999] }),
      'a sample of node 999, which does not exist',
    ],
    [
      'a child that does not exist',
      (p) => ({ ...p, nodes: p.nodes.map((n) => (n.id === 2 ? { ...n, children: [777] } : n)) }),
      'names node 777 as a child',
    ],
    ['two nodes with one id', (p) => ({ ...p, nodes: [...p.nodes, p.nodes[1]] }), 'two nodes with id 2'],
    [
      'a cycle',
      (p) => ({ ...p, nodes: p.nodes.map((n) => (n.id === 15 ? { ...n, children: [1] } : n)) }),
      'do not form one tree',
    ],
    [
      'a node with two parents',
      (p) => ({ ...p, nodes: p.nodes.map((n) => (n.id === 2 ? { ...n, children: [15] } : n)) }),
      'do not form one tree',
    ],
    ['fewer deltas than samples', (p) => ({ ...p, timeDeltas: [1] }), 'as many samples as time deltas'],
  ])('refuses %s with a message that says what is wrong', (_, change, message) => {
    const input = change(valid());
    const run = () => summarizeCpuProfile(typeof input === 'string' ? input : JSON.stringify(input));
    expect(run).toThrow(ProfileFormatError);
    expect(run).toThrow(message);
  });
});
