import { describe, expect, it } from 'vitest';
import { renderCodeBlock } from '../../../../src/reports/render-code-block.ts';
import { renderInlineText } from '../../../../src/reports/render-inline-text.ts';
import { renderCommit } from '../../../../src/reports/render-commit.ts';
import {
  runPhaseNames,
  phaseLabel,
  BENCH_PHASES,
  OPTIMIZE_PHASES,
  pendingRunPhases,
} from '../../../../src/reports/run-phases.ts';

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

describe('run phases', () => {
  it('has a label for every phase of both kinds, in order', () => {
    expect(runPhaseNames('bench')).toEqual(['queued', 'checkout', 'setup', 'measure', 'report']);
    expect([...BENCH_PHASES, ...OPTIMIZE_PHASES].map((name) => phaseLabel(name) === undefined)).not.toContain(true);
    expect(phaseLabel('measure')).toBe('Measure (interleaved pairs)');
    expect(phaseLabel('toString')).toBeUndefined();
  });

  it('starts every phase pending', () => {
    expect(pendingRunPhases('bench')).toEqual(BENCH_PHASES.map((name) => ({ name, state: 'pending' })));
  });
});
