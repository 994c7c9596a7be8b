import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, GOLDEN_DIR } from './fixtures/golden-cases.ts';

describe('pipeline artifacts', () => {
  // To update after an intended change: npx tsx test/unit/pipeline/write-golden.ts, then review the diff.
  it.each(GOLDEN_CASES)('matches the golden file $file', ({ file, render }) => {
    expect(render()).toBe(readFileSync(new URL(file, GOLDEN_DIR), 'utf8'));
  });

  it.each(GOLDEN_CASES.filter(({ file }) => file.endsWith('.md')))(
    '$file: no raw HTML from untrusted text, no live mention',
    ({ render }) => {
      const text = stripCode(render());
      expect(text).not.toMatch(/<(script|b)\b/);
      expect(text).not.toMatch(/@[a-z]/i);
      expect(text).not.toMatch(/https:\/\/evil/);
    },
  );
});

/** Removes fenced blocks and code spans, where GitHub shows text literally. */
function stripCode(text: string): string {
  return text.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}
