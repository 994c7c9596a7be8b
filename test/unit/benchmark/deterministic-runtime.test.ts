import { describe, expect, it } from 'vitest';
import { countingArgv } from '../../../src/benchmark/instructions/counting-argv.ts';
import { deterministicRuntime } from '../../../src/benchmark/instructions/deterministic-runtime.ts';

describe('deterministicRuntime', () => {
  it('runs node with --single-threaded --predictable and measures its start-up with an empty program', () => {
    expect(deterministicRuntime(['node', 'bench.js', '100'])).toMatchObject({
      runtime: 'node',
      command: ['node', '--single-threaded', '--predictable', 'bench.js', '100'],
      env: {},
      startup: ['node', '--single-threaded', '--predictable', '/dev/null'],
    });
    expect(deterministicRuntime('node bench.js 100')).toMatchObject({
      command: 'node --single-threaded --predictable bench.js 100',
      startup: 'node --single-threaded --predictable /dev/null',
    });
    expect(deterministicRuntime(['/usr/bin/node', '--predictable', 'b.js']).command).toEqual([
      '/usr/bin/node',
      '--single-threaded',
      '--predictable',
      'b.js',
    ]);
  });

  it('sets PYTHONHASHSEED=0 for python and GOMAXPROCS=1 for go, and says what stays non-deterministic', () => {
    const python = deterministicRuntime(['python3', 'bench.py']);
    expect(python).toMatchObject({
      runtime: 'python',
      command: ['python3', 'bench.py'],
      env: { PYTHONHASHSEED: '0' },
      startup: ['python3', '/dev/null'],
    });
    expect(python.note).toContain('garbage collector');
    const go = deterministicRuntime('go test -bench . ./...');
    expect(go).toMatchObject({ runtime: 'go', command: 'go test -bench . ./...', env: { GOMAXPROCS: '1' } });
    expect(go.startup).toBeUndefined();
    expect(go.note).toContain('no deterministic mode');
  });

  it('leaves a native program (and a runtime started by a script) as it is, with nothing to subtract', () => {
    expect(deterministicRuntime(['./loop', '1000'])).toEqual({ command: ['./loop', '1000'], env: {} });
    expect(deterministicRuntime('npm run bench')).toEqual({ command: 'npm run bench', env: {} });
    expect(deterministicRuntime(['nodemon', 'x.js'])).toEqual({ command: ['nodemon', 'x.js'], env: {} });
  });
});

describe('countingArgv', () => {
  it('wraps the command (a string through /bin/sh -c) under cachegrind or perf stat, writing into the out folder', () => {
    expect(countingArgv({ kind: 'cachegrind', program: '/usr/bin/valgrind' }, 'make bench', '/w/.out')).toEqual([
      '/usr/bin/valgrind',
      '--tool=cachegrind',
      '--cache-sim=no',
      '--trace-children=yes',
      '-q',
      '--cachegrind-out-file=/w/.out/cg.%p',
      '/bin/sh',
      '-c',
      'make bench',
    ]);
    expect(countingArgv({ kind: 'perf', program: '/usr/bin/perf' }, ['./loop', '5'], '/w/.out')).toEqual([
      '/usr/bin/perf',
      'stat',
      '-x',
      ',',
      '-e',
      'instructions:u',
      '-o',
      '/w/.out/perf-stat.csv',
      '--',
      './loop',
      '5',
    ]);
  });
});
