import { describe, expect, it } from 'vitest';
import { matchPathGlob } from '../../../src/pipeline/diff-rules/match-path-glob.ts';

describe('matchPathGlob', () => {
  it.each([
    ['**', 'a.ts', true],
    ['**', 'src/deep/a.ts', true],
    ['src/**', 'src/a.ts', true],
    ['src/**', 'src/deep/er/a.ts', true],
    ['src/**', 'srcx/a.ts', false],
    ['src/**', 'lib/src/a.ts', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/deep/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.js', false],
    ['**/*.go', 'a.go', true],
    ['**/*.go', 'pkg/a/b.go', true],
    ['*.ts', 'a.ts', true],
    ['*.ts', 'src/a.ts', false],
    ['src/?.ts', 'src/a.ts', true],
    ['src/?.ts', 'src/ab.ts', false],
    ['src/?.ts', 'src//.ts', false],
    ['lib/a+b(1).ts', 'lib/a+b(1).ts', true],
    ['lib/a.ts', 'lib/aXts', false],
    ['src/a**.ts', 'src/abc.ts', true],
    ['src/a**.ts', 'src/a/b.ts', false],
  ])('%s vs %s → %s', (glob, path, expected) => {
    expect(matchPathGlob(glob, path)).toBe(expected);
  });
});
