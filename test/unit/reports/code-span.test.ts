import { describe, expect, it } from 'vitest';
import { codeSpan } from '../../../src/reports/code-span.ts';
import { escapeMarkdownText } from '../../../src/reports/escape-markdown-text.ts';
import { mermaidLabel } from '../../../src/reports/mermaid-label.ts';

describe('codeSpan', () => {
  it('wraps plain names in single backticks', () => {
    expect(codeSpan('BenchmarkParse-8')).toBe('`BenchmarkParse-8`');
  });

  it('uses a longer fence than any backtick run inside, padded with spaces', () => {
    expect(codeSpan('a`b')).toBe('`` a`b ``');
    expect(codeSpan('x ``y`` z')).toBe('``` x ``y`` z ```');
  });

  it('escapes pipes only inside tables', () => {
    expect(codeSpan('a|b')).toBe('`a|b`');
    expect(codeSpan('a|b', 'table')).toBe('`a\\|b`');
  });

  it('turns newlines, tabs and bidi overrides into single spaces', () => {
    expect(codeSpan('line\nbreak\t\u202Eevil')).toBe('`line break evil`');
  });

  it('cuts long names with an ellipsis', () => {
    expect(codeSpan('x'.repeat(150))).toBe(`\`${'x'.repeat(99)}…\``);
  });

  it('renders an empty name as a placeholder, not an empty code span', () => {
    expect(codeSpan(' \n ')).toBe('(empty)');
  });
});

describe('escapeMarkdownText', () => {
  it('escapes HTML and Markdown punctuation', () => {
    expect(escapeMarkdownText('<b>bold</b> *x* [l](u) a|b')).toBe('&lt;b&gt;bold&lt;/b&gt; \\*x\\* \\[l\\](u) a\\|b');
  });

  it('breaks mentions, issue references and links with an invisible word joiner', () => {
    expect(escapeMarkdownText('@octocat #12 https://x.example')).toBe(
      '@\u2060octocat #\u206012 https:\u2060//x.example',
    );
  });
});

describe('mermaidLabel', () => {
  it('strips quotes, brackets, backticks and Mermaid directives', () => {
    expect(mermaidLabel('a"b[c]`d`%%{init}%%')).toBe('a b c d init');
  });

  it('shortens long labels', () => {
    expect(mermaidLabel('pkg/path.BenchmarkVeryLongName/size=1024')).toBe('pkg/path.BenchmarkVeryL…');
  });
});
