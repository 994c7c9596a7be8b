import { describe, expect, it } from 'vitest';
import { describePatchFiles } from '../../../src/optimize/describe-patch-files.ts';
import { joinPatch, splitPatch } from '../../../src/optimize/split-patch.ts';

// Pure functions, tested here next to the runner that uses them (this folder is the optimize suite's).
const PATCH = [
  'diff --git a/src/a b.js b/src/a b.js',
  'index 83db48f..bf269f4 100644',
  '--- a/src/a b.js',
  '+++ b/src/a b.js',
  '@@ -1 +1 @@',
  '-x',
  '+y',
  'diff --git "a/t\\303\\251st.js" "b/t\\303\\251st.js"',
  'new file mode 100755',
  'index 0000000..e69de29',
  'diff --git a/bin.dat b/bin.dat',
  'new file mode 100644',
  'index 0000000..1b2c3d4',
  'GIT binary patch',
  'literal 3',
  'KcmZ>B00001',
  '',
  'diff --git a/link b/link',
  'deleted file mode 120000',
  'index 1234567..0000000',
  '--- a/link',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-target',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('splitPatch / describePatchFiles', () => {
  it('splits a git patch per file, reading plain and C-quoted paths, and joins it back unchanged', () => {
    const sections = splitPatch(PATCH);
    expect(sections.map((section) => section.path)).toEqual(['src/a b.js', 'tést.js', 'bin.dat', 'link']);
    expect(joinPatch(sections)).toBe(PATCH);
    expect(splitPatch('')).toEqual([]);
  });

  it('reads status, mode and binary-ness from the headers', () => {
    expect(describePatchFiles(splitPatch(PATCH))).toEqual([
      { path: 'src/a b.js', status: 'M', mode: '100644', binary: false },
      { path: 'tést.js', status: 'A', mode: '100755', binary: false },
      { path: 'bin.dat', status: 'A', mode: '100644', binary: true },
      { path: 'link', status: 'D', mode: '120000', binary: false },
    ]);
  });

  it('refuses text that is not a git patch', () => {
    expect(() => splitPatch('--- a\n+++ b\n')).toThrow('not a git patch');
  });
});
