import { describe, expect, it } from 'vitest';
import { parseCachegrindOut } from '../../../src/benchmark/instructions/parse-cachegrind-out.ts';
import { parsePerfStat } from '../../../src/benchmark/instructions/parse-perf-stat.ts';

// The head and tail of a real cachegrind out file (valgrind 3.19, --cache-sim=no), trimmed.
const HEAD =
  'desc: I1 cache:         65536 B, 64 B, 16-way associative\ncmd: ./loop 100000\nevents: Ir\nfl=./csu/../csu/libc-start.c\nfn=__libc_start_main\n128 2\n';
const TAIL = 'fn=main\n0 600015\nsummary: 724213\n';

describe('parseCachegrindOut', () => {
  it('reads Ir from the summary line, and from the right column when there are several events', () => {
    expect(parseCachegrindOut(HEAD, TAIL)).toBe(724213);
    expect(parseCachegrindOut('events: Dr Ir Dw\n', 'x\nsummary: 5 7000 9\n\n')).toBe(7000);
    expect(parseCachegrindOut('events: Ir\n', 'totals: 42\n')).toBe(42);
  });

  it('refuses anything else with the reason (the file was written inside the sandbox)', () => {
    expect(() => parseCachegrindOut('cmd: x\n', TAIL)).toThrow('no "events:" line');
    expect(() => parseCachegrindOut('events: Dr Dw\n', TAIL)).toThrow('do not include Ir');
    expect(() => parseCachegrindOut(HEAD, 'summary: 724213\nfn=main\n')).toThrow('does not end with a "summary:" line');
    expect(() => parseCachegrindOut(HEAD, 'summary: 1e9\n')).toThrow('does not end with a "summary:" line');
    expect(() => parseCachegrindOut(HEAD, 'summary: -5\n')).toThrow('does not end with a "summary:" line');
    expect(() => parseCachegrindOut('events: Dr Ir\n', 'summary: 5\n')).toThrow(
      'its summary has 1 counts for 2 events',
    );
    expect(() => parseCachegrindOut(HEAD, `summary: ${'9'.repeat(17)}\n`)).toThrow(
      'does not end with a "summary:" line',
    );
  });
});

describe('parsePerfStat', () => {
  it('reads the instructions:u count from perf stat -x , output', () => {
    const text = '# started on Thu Dec  3 06:00:00 2026\n\n123456789,,instructions:u,1002345,100.00,,\n';
    expect(parsePerfStat(text)).toBe(123456789);
  });

  it('says "no count" for <not supported> and <not counted> (no usable counter), and refuses malformed lines', () => {
    expect(parsePerfStat('<not supported>,,instructions:u,0,100.00,,\n')).toBeUndefined();
    expect(parsePerfStat('<not counted>,,instructions:u,0,0.00,,\n')).toBeUndefined();
    expect(() => parsePerfStat('12.5,,instructions:u,0,100.00,,\n')).toThrow('its instructions line has no count');
    expect(() => parsePerfStat('# nothing\n5,,cycles:u,1,100.00,,\n')).toThrow('no instructions:u line');
  });
});
