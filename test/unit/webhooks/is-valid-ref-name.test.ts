import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isValidRefName } from '../../../src/webhooks/is-valid-ref-name.ts';

/** What the real `git check-ref-format --allow-onelevel` says (exit 0 valid, 1 invalid; anything else is a test bug). */
function gitAccepts(name: string): boolean {
  const result = spawnSync('git', ['check-ref-format', '--allow-onelevel', name], { encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`git failed on ${JSON.stringify(name)}: ${result.stderr}`);
  return result.status === 0;
}

const NAMES: Array<[name: string, valid: boolean]> = [
  ['main', true],
  ['feature/fast-parser', true],
  ['release-1.2', true],
  ['v1.2.3', true],
  ['refs/heads/main', true],
  ['HEAD', true],
  ['a', true],
  ['abc1234', true],
  ['0123456789abcdef0123456789abcdef01234567', true],
  ['@scope/pkg@1.2.3', true],
  ['a@b', true],
  ['foo/@', true],
  ['a+b', true],
  ['foo./bar', true],
  ['lock.foo', true],
  ['a/-b', true],
  ['ünïcödé', true],
  ['$(curl)', true], // valid for git; the --vs allow-list rejects it (see parse-perf-command tests)
  ['x'.repeat(255), true],
  ['', false],
  ['@', false],
  ['.', false],
  ['..', false],
  ['foo..bar', false],
  ['.hidden', false],
  ['foo/.hidden', false],
  ['foo.', false],
  ['foo/bar.', false],
  ['foo.lock', false],
  ['foo.lock/bar', false],
  ['foo/bar.lock', false],
  ['/foo', false],
  ['foo/', false],
  ['foo//bar', false],
  ['@{u}', false],
  ['foo@{1}', false],
  ['foo bar', false],
  ['foo~1', false],
  ['foo^', false],
  ['a:b', false],
  ['a?b', false],
  ['a*b', false],
  ['a[b', false],
  ['a\\b', false],
  ['tab\tname', false],
  ['ctl\u0001', false],
  ['del\u007f', false],
];

describe('isValidRefName', () => {
  it.each(NAMES)('%j → %s, as git check-ref-format says', (name, valid) => {
    expect(isValidRefName(name)).toBe(valid);
    expect(gitAccepts(name)).toBe(valid);
  });

  it('rejects a leading "-", which git cannot even take as an argument (it reads an option)', () => {
    expect(isValidRefName('-foo')).toBe(false);
    expect(isValidRefName('--upload-pack=evil')).toBe(false);
    const git = spawnSync('git', ['check-ref-format', '--allow-onelevel', '-foo'], { encoding: 'utf8' });
    expect(git.status).toBe(129);
  });

  it('rejects names over 255 UTF-8 bytes, which git would accept', () => {
    expect(gitAccepts('x'.repeat(256))).toBe(true);
    expect(isValidRefName('x'.repeat(256))).toBe(false);
    expect(isValidRefName('é'.repeat(128))).toBe(false); // 256 bytes
    expect(isValidRefName('é'.repeat(127))).toBe(true);
  });
});
