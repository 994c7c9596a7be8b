import { describe, expect, it } from 'vitest';
import { mainLanguage } from '../../../src/pipeline/review/main-language.ts';
import { reviewFileName } from '../../../src/pipeline/review/review-file-name.ts';

describe('mainLanguage', () => {
  it.each([
    [['go.mod', 'main.go', 'web/app.js', 'web/b.js', 'web/c.js'], 'Go'],
    [['Cargo.toml', 'src/lib.rs'], 'Rust'],
    [['tsconfig.json', 'src/a.js'], 'TypeScript'],
    [['setup.py', 'pkg/a.py'], 'Python'],
    [['src/a.js', 'src/b.mjs', 'tools/x.py'], 'JavaScript'],
    [['src/a.cpp', 'src/a.hpp', 'src/b.c'], 'C++'],
    [['node_modules/x/a.js', 'node_modules/x/b.js', 'lib/main.py'], 'Python'],
    [['README.md', 'LICENSE'], undefined],
  ])('%j → %s', (files, language) => {
    expect(mainLanguage(files)).toBe(language);
  });
});

describe('reviewFileName', () => {
  it("uses the seed workflow's names, the language reviewer's after the language", () => {
    expect(reviewFileName('quality', 'Go')).toBe('review-code-quality.md');
    expect(reviewFileName('debugging', 'Go')).toBe('review-debug.md');
    expect(reviewFileName('security', 'Go')).toBe('review-security.md');
    expect(reviewFileName('language', 'Go')).toBe('review-go.md');
    expect(reviewFileName('language', 'C++')).toBe('review-cpp.md');
    expect(reviewFileName('language', 'C#')).toBe('review-csharp.md');
    expect(reviewFileName('language', undefined)).toBe('review-language.md');
  });
});
