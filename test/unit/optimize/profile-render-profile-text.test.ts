import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderProfileText } from '../../../src/optimize/profile/render-profile-text.ts';
import { summarizeCpuProfile } from '../../../src/optimize/profile/summarize-cpuprofile.ts';

const PROFILE = readFileSync(new URL('../../fixtures/profiles/slow-sum.cpuprofile', import.meta.url), 'utf8');

describe('renderProfileText', () => {
  it('lays out the top functions by self time and by total time, with file:line', () => {
    const text = renderProfileText(summarizeCpuProfile(PROFILE, { root: '/tmp/prof' }), '0123456789abcdef0123');
    expect(text.split('\n').slice(0, 9)).toEqual([
      'CPU profile of the benchmark command on the starting commit 0123456789ab, by node --cpu-prof: 64.9 ms of CPU time.',
      '',
      'Top functions by self time (time in the function itself):',
      '   self ms   self   total ms  total  function  (location)',
      '      51.1  78.9%       51.1  78.9%  inner  (prog.js:1)',
      '       4.0   6.2%        4.0   6.2%  (program)',
      '       3.9   6.0%       58.4  90.0%  (anonymous)  (prog.js:1)',
      '       2.5   3.8%        2.5   3.8%  stat  (node:internal/modules/cjs/loader:229)',
      '       2.1   3.3%        2.1   3.3%  compileForInternalLoader  (node:internal/bootstrap/realm:383)',
    ]);
    const byTotal = text.split('\n\n')[2]?.split('\n') ?? [];
    expect(byTotal.slice(0, 5)).toEqual([
      'Top functions by total time (the function and everything it calls):',
      '   self ms   self   total ms  total  function  (location)',
      // Equal totals: more self time first, then by name.
      '       0.0   0.0%       60.8  93.8%  (anonymous)  (node:internal/main/run_main_module:1)',
      '       0.0   0.0%       60.8  93.8%  executeUserEntryPoint  (node:internal/modules/run_main:155)',
      '       3.9   6.0%       58.4  90.0%  (anonymous)  (prog.js:1)',
    ]);
    expect(text).toMatch(/ slowSum {2}\(prog\.js:2\)\n/);
    // Each table shows at most 20 rows.
    expect(byTotal.filter((line) => line !== '').length).toBe(2 + 20);
  });

  it('says so when nothing was sampled', () => {
    expect(renderProfileText({ tool: 'go test -cpuprofile', totalMs: 0, functions: [] }, 'abc')).toContain(
      'Top functions by self time (time in the function itself):\n  (no samples)\n',
    );
  });
});
