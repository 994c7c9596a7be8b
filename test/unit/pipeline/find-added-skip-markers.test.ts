import { describe, expect, it } from 'vitest';
import { findAddedSkipMarkers } from '../../../src/pipeline/diff-rules/find-added-skip-markers.ts';

function section(path: string, lines: string[]): { path: string; text: string } {
  return {
    path,
    text: [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`, '@@ -1,3 +1,3 @@', ...lines, ''].join(
      '\n',
    ),
  };
}

describe('findAddedSkipMarkers', () => {
  it.each([
    ["+it.skip('sums', () => {});", '`it.skip`/`.todo`/`.only`'],
    ["+describe.skip('suite', () => {});", '`it.skip`/`.todo`/`.only`'],
    ["+test.skipIf(process.env.CI)('x', () => {});", '`it.skip`/`.todo`/`.only`'],
    ["+it.todo('sums');", '`it.skip`/`.todo`/`.only`'],
    ["+it.only('the one test left', () => {});", '`it.skip`/`.todo`/`.only`'],
    ["+xit('sums', () => {});", '`xit(`/`xdescribe(`'],
    ["+xdescribe('suite', () => {});", '`xit(`/`xdescribe(`'],
    ['+\tt.Skip("slow")', '`t.Skip(`'],
    ['+@pytest.mark.skip(reason="flaky")', '`@pytest.mark.skip`'],
    ['+    pytest.skip("later")', '`pytest.skip(`'],
    ['+@unittest.skip("later")', '`@unittest.skip`'],
    ['+#[ignore]', '`#[ignore]`'],
  ])('flags %s', (line, shown) => {
    const found = findAddedSkipMarkers([section('src/a.test.js', [' context', line, ' more'])]);
    expect(found).toEqual([
      {
        path: 'src/a.test.js',
        reason: `adds test-skipping markers (${shown}): tests may not be skipped or removed to make a change pass`,
      },
    ]);
  });

  it.each([
    ['ordinary code named skip', ['+const rest = iter.skip(1);', '+process.exit(1);', '+let exit = (x) => x;']],
    ['a marker that was only moved', ["-it.skip('a', f);", '+', "+it.skip('a', f);"]],
    ['a marker removed', ["-it.skip('a', f);", "+it('a', f);"]],
    ['the file header lines', ['+++ it.skip(', '--- it.skip(']],
  ])('does not flag %s', (_what, lines) => {
    expect(findAddedSkipMarkers([section('src/a.js', lines)])).toEqual([]);
  });
});
