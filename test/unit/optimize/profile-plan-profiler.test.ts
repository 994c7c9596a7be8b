import { describe, expect, it } from 'vitest';
import { PSTATS_DUMP_SCRIPT } from '../../../src/optimize/profile/parse-pstats-dump.ts';
import { NO_PROFILER, planProfiler } from '../../../src/optimize/profile/plan-profiler.ts';

const DIR = '/tmp/perfbot-profile-x';

describe('planProfiler', () => {
  it('runs benchmark.profile when perf.yml sets it, whatever the runtime', () => {
    expect(planProfiler({ command: ['node', 'bench.js'], profile: 'make profile' }, DIR)).toEqual({
      kind: 'custom',
      tool: 'benchmark.profile',
      command: 'make profile',
    });
  });

  it.each([
    [
      ['node', 'bench.js', '--json'],
      ['node', '--cpu-prof', `--cpu-prof-dir=${DIR}`, 'bench.js', '--json'],
    ],
    [
      ['/usr/bin/node20', 'bench.js'],
      ['/usr/bin/node20', '--cpu-prof', `--cpu-prof-dir=${DIR}`, 'bench.js'],
    ],
    ['node bench.js | tee out.txt', `node --cpu-prof --cpu-prof-dir=${DIR} bench.js | tee out.txt`],
  ])('profiles node with --cpu-prof: %j', (command, profiled) => {
    expect(planProfiler({ command }, DIR)).toEqual({ kind: 'node', tool: 'node --cpu-prof', command: profiled });
  });

  it('quotes the folder in a shell command when it needs quoting', () => {
    expect(planProfiler({ command: 'node bench.js' }, "/tmp/it's here")).toMatchObject({
      kind: 'node',
      command: `node --cpu-prof '--cpu-prof-dir=/tmp/it'\\''s here' bench.js`,
    });
  });

  it.each([
    [
      ['go', 'test', '-bench=.', './pkg'],
      ['go', 'test', '-cpuprofile', `${DIR}/cpu.pprof`, '-bench=.', './pkg'],
    ],
    ['go test -run ^$ -bench . ./pkg', `go test -cpuprofile ${DIR}/cpu.pprof -run ^$ -bench . ./pkg`],
  ])('profiles go test -bench with -cpuprofile and summarizes with pprof -top: %j', (command, profiled) => {
    const pprof = ['go', 'tool', 'pprof', '-top', '-nodecount=20', '-filefunctions'];
    expect(planProfiler({ command }, DIR)).toEqual({
      kind: 'go',
      tool: 'go test -cpuprofile',
      command: profiled,
      summarize: [
        [...pprof, `${DIR}/cpu.pprof`],
        [...pprof, '-cum', `${DIR}/cpu.pprof`],
        ['go', 'tool', 'pprof', '-top', '-nodecount=200', '-lines', '-cum', `${DIR}/cpu.pprof`],
      ],
    });
  });

  it.each([
    [
      ['python3', 'bench.py'],
      ['python3', '-m', 'cProfile', '-o', `${DIR}/cpu.pstats`, 'bench.py'],
    ],
    ['python -m mybench --quick', `python -m cProfile -o ${DIR}/cpu.pstats -m mybench --quick`],
  ])('profiles python under cProfile and summarizes with pstats: %j', (command, profiled) => {
    const python = typeof command === 'string' ? 'python' : 'python3';
    expect(planProfiler({ command }, DIR)).toEqual({
      kind: 'python',
      tool: 'python -m cProfile',
      command: profiled,
      summarize: [[python, '-c', PSTATS_DUMP_SCRIPT, `${DIR}/cpu.pstats`]],
    });
  });

  it.each([[['npm', 'run', 'bench']], ['cargo bench'], [['./bench.sh']]])(
    'has nothing for a runtime it cannot see (%j): the prompt says to set benchmark.profile',
    (command) => {
      expect(planProfiler({ command }, DIR)).toEqual({ kind: 'none', reason: NO_PROFILER });
      expect(NO_PROFILER).toBe('no profile available (set benchmark.profile)');
    },
  );

  it.each([[['go', 'run', './cmd/bench']], ['go test ./...']])(
    'does not profile a go command that is not go test -bench (%j)',
    (command) => {
      expect(planProfiler({ command }, DIR)).toEqual({
        kind: 'none',
        reason: `${NO_PROFILER}: benchmark.command runs go, but not \`go test -bench\``,
      });
    },
  );
});
