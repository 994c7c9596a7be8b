import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePprofTop } from '../../../src/optimize/profile/parse-pprof-top.ts';
import { parsePstatsDump } from '../../../src/optimize/profile/parse-pstats-dump.ts';
import { ProfileFormatError } from '../../../src/domain/errors.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/profiles/${name}`, import.meta.url), 'utf8');

describe('parsePprofTop', () => {
  // Real output of go 1.19's `go tool pprof -top [-cum] -nodecount=20 -filefunctions` (and `-top -lines -cum
  // -nodecount=200`) on a -cpuprofile of BenchmarkSlowSum, built in /tmp/goprof.
  const outputs = [fixture('slow-sum.pprof-top.txt'), fixture('slow-sum.pprof-top-cum.txt')];

  it('reads flat as self time and cum as total time, with the file relative to the checkout', () => {
    const summary = parsePprofTop(outputs, { root: '/tmp/goprof' });
    expect(summary.tool).toBe('go test -cpuprofile');
    expect(summary.totalMs).toBe(110);
    expect(summary.functions).toEqual([
      { name: 'example.com/slow.SlowSum', location: 'slow.go', selfMs: 100, totalMs: 110 },
      {
        name: 'runtime.asyncPreempt',
        location: '/usr/lib/go-1.19/src/runtime/preempt_amd64.s',
        selfMs: 10,
        totalMs: 10,
      },
      { name: 'example.com/slow.BenchmarkSlowSum', location: 'slow_test.go', selfMs: 0, totalMs: 110 },
      { name: 'testing.(*B).launch', location: '/usr/lib/go-1.19/src/testing/benchmark.go', selfMs: 0, totalMs: 110 },
      { name: 'testing.(*B).runN', location: '/usr/lib/go-1.19/src/testing/benchmark.go', selfMs: 0, totalMs: 110 },
    ]);
  });

  it("takes each function's line from a -lines listing: the line where it spends the most time", () => {
    const summary = parsePprofTop(outputs, { root: '/tmp/goprof', lines: fixture('slow-sum.pprof-top-lines.txt') });
    expect(summary.functions.slice(0, 3)).toEqual([
      // Lines 8 (60 ms cum) and 9 (50 ms): the loop header, where most of it goes.
      { name: 'example.com/slow.SlowSum', location: 'slow.go:8', selfMs: 100, totalMs: 110 },
      {
        name: 'runtime.asyncPreempt',
        location: '/usr/lib/go-1.19/src/runtime/preempt_amd64.s:7',
        selfMs: 10,
        totalMs: 10,
      },
      { name: 'example.com/slow.BenchmarkSlowSum', location: 'slow_test.go:11', selfMs: 0, totalMs: 110 },
    ]);
  });

  it.each([
    ['1.50s', 1500],
    ['250us', 0.25],
    ['2mins', 120_000],
  ])('reads the duration %s as %f ms', (text, ms) => {
    const listing = `Total samples = ${text}\n      flat  flat%   sum%        cum   cum%\n     ${text} 100% 100%  ${text} 100%  main.f /src/main.go\n`;
    expect(parsePprofTop([listing]).functions[0]).toEqual({
      name: 'main.f',
      location: '/src/main.go',
      selfMs: ms,
      totalMs: ms,
    });
  });

  it.each([
    ['no listing', 'open cpu.pprof: no such file or directory'],
    ['a row that does not parse', 'Total samples = 10ms\n      flat  flat%   sum%        cum   cum%\nrm -rf /\n'],
    [
      'a duration that does not parse',
      'Total samples = 10ms\n      flat  flat%   sum%        cum   cum%\n  10days 1% 1% 10ms 1%  main.f /a.go\n',
    ],
  ])('refuses %s', (_, output) => {
    expect(() => parsePprofTop([output])).toThrow(ProfileFormatError);
  });
});

describe('parsePstatsDump', () => {
  // Real output of PSTATS_DUMP_SCRIPT (python 3.11) on `python3 -m cProfile -o cpu.pstats slow_sum.py`.
  const dump = fixture('slow-sum.pstats-dump.txt');

  it('reads tottime as self time and cumtime as total time, in ms, with file:line', () => {
    const summary = parsePstatsDump(dump);
    expect(summary.tool).toBe('python -m cProfile');
    expect(summary.totalMs).toBeCloseTo(47.73091200000001, 9);
    const inner = summary.functions.find((entry) => entry.name === 'inner');
    expect(inner?.location).toBe('slow_sum.py:1');
    expect(inner?.selfMs).toBeCloseTo(47.454928, 9);
    expect(inner?.totalMs).toBeCloseTo(47.454928, 9);
    const slowSum = summary.functions.find((entry) => entry.name === 'slow_sum');
    expect(slowSum?.location).toBe('slow_sum.py:8');
    expect(slowSum?.totalMs).toBeCloseTo(47.611008, 9);
    expect(summary.functions).toHaveLength(9);
  });

  it('gives built-ins no location', () => {
    expect(
      parsePstatsDump(dump).functions.find((entry) => entry.name === '<built-in method builtins.sum>')?.location,
    ).toBe('');
  });

  it.each([
    ['no total', '["a.py", 1, "f", 0.1, 0.1]\n'],
    ['a line that is not JSON', '["total", 1]\nTraceback (most recent call last):\n'],
    ['a row of the wrong shape', '["total", 1]\n["a.py", "1", "f", 0.1, 0.1]\n'],
    ['a negative time', '["total", 1]\n["a.py", 1, "f", -5, 0.1]\n'],
  ])('refuses %s', (_, output) => {
    expect(() => parsePstatsDump(output)).toThrow(ProfileFormatError);
  });
});
