import { describe, expect, it } from 'vitest';
import {
  codeSpan,
  escapeMarkdownText,
  fenceUntrusted,
  fitMarkdownTable,
  mermaidLabel,
  renderCodeBlock,
  renderCommit,
  renderDetails,
  renderInlineText,
  renderLink,
  renderLogin,
  takeLastLines,
} from '../../../src/reports/markdown.ts';

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

describe('renderInlineText', () => {
  it('shows backtick spans as code and escapes the prose around them, keeping the spaces', () => {
    expect(renderInlineText('set `benchmark.format` to *go* <now>')).toBe(
      'set `benchmark.format` to \\*go\\* &lt;now&gt;',
    );
  });

  it('keeps code spans that touch', () => {
    expect(renderInlineText('`a` `b`')).toBe('`a` `b`');
  });

  it('shows a stray backtick literally', () => {
    expect(renderInlineText('it`s')).toBe('it\\`s');
  });

  it('joins lines and never starts a heading or a list', () => {
    expect(renderInlineText('# not a heading\nnext')).toBe('\\# not a heading next');
    expect(renderInlineText('- not a list')).toBe('\\- not a list');
    expect(renderInlineText('1. not a list')).toBe('1\\. not a list');
    expect(renderInlineText('12) not a list')).toBe('12\\) not a list');
  });

  it('breaks mentions and links outside code', () => {
    expect(renderInlineText('@team see https://x.example')).toBe('@\u2060team see https:\u2060//x.example');
  });

  it('caps the text', () => {
    expect(renderInlineText('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('renderCodeBlock', () => {
  it('uses three backticks, or one more than the longest run inside', () => {
    expect(renderCodeBlock('plain')).toBe('```\nplain\n```');
    expect(renderCodeBlock('a ```` b')).toBe('`````\na ```` b\n`````');
  });
});

describe('renderCommit', () => {
  it('shortens a SHA to seven lower-case characters and shows anything else as given', () => {
    expect(renderCommit('FEDCBA9876543210FEDCBA9876543210FEDCBA98')).toBe('`fedcba9`');
    expect(renderCommit('main')).toBe('`main`');
  });
});

describe('fenceUntrusted', () => {
  it('uses a fence longer than any backtick run, removes invisible characters and caps the length', () => {
    expect(fenceUntrusted('a ``` b\u202e\r\nc')).toBe('````text\na ``` b\nc\n````');
    expect(fenceUntrusted('abcdef', 4)).toBe('```text\nabc…\n```');
  });

  it('shows what a terminal would: no colours, only the last state of a rewritten line', () => {
    expect(fenceUntrusted('\u001b[31mFAIL\u001b[0m 1/3\rFAIL 2/3\rFAIL 3/3')).toBe('```text\nFAIL 3/3\n```');
  });
});

describe('renderDetails', () => {
  it('collapses the body, with blank lines so Markdown renders inside', () => {
    expect(renderDetails('Logs', '| a |')).toBe('<details><summary>Logs</summary>\n\n| a |\n\n</details>');
  });
});

describe('renderLink', () => {
  it('links https URLs only, with parentheses percent-encoded', () => {
    expect(renderLink('run', 'https://x.example/a(b)')).toBe('[run](https://x.example/a%28b%29)');
    expect(renderLink('run', 'http://x.example')).toBeUndefined();
    expect(renderLink('run', 'javascript:alert(1)')).toBeUndefined();
    expect(renderLink('run', 'not a url')).toBeUndefined();
  });
});

describe('renderLogin', () => {
  it('reads like a mention but cannot ping', () => {
    expect(renderLogin('octocat')).toBe('@\u2060octocat');
  });
});

describe('fitMarkdownTable', () => {
  const table = ['| a |', '|---|', ...Array.from({ length: 10 }, (_, index) => `| ${index} |`)].join('\n');

  it('returns a table that fits unchanged', () => {
    expect(fitMarkdownTable(table, table.length)).toBe(table);
  });

  it('drops rows from the end and says how many', () => {
    expect(fitMarkdownTable(table, 60)).toBe('| a |\n|---|\n| 0 |\n| 1 |\n| 2 |\n| 3 |\n\n… 6 more rows not shown');
  });

  it('returns nothing when not even the header fits', () => {
    expect(fitMarkdownTable(table, 30)).toBe('');
  });
});

describe('takeLastLines', () => {
  it('keeps the last lines that fit and counts the ones cut', () => {
    expect(takeLastLines('a\nb\nc\nd', 2, 100)).toEqual({ text: 'c\nd', cutLines: 2 });
    expect(takeLastLines('aaaa\nbbbb\ncccc', 10, 9)).toEqual({ text: 'bbbb\ncccc', cutLines: 1 });
  });

  it('keeps the end of a last line that is too long, without splitting an emoji', () => {
    expect(takeLastLines('x\nstart😀😀end', 5, 6)).toEqual({ text: '…😀😀end', cutLines: 1 });
  });
});
