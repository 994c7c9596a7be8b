import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../src/benchmark/seeded-random.ts';
import { isValidRefName } from '../../../src/webhooks/is-valid-ref-name.ts';
import { parsePerfCommand } from '../../../src/webhooks/parse-perf-command.ts';
import type { PerfCommand } from '../../../src/webhooks/perf-command.ts';

/** Words an attacker (or a clumsy user) might put in a comment: shell syntax, option injection, look-alikes. */
const PIECES = [
  '/perf',
  '/perf bench',
  '/perf optimize',
  '/perf status',
  'bench',
  'optimize',
  '--runs',
  '--vs',
  '--target',
  '--max-iter',
  '--',
  '-',
  '--runs=',
  '--vs=',
  '5',
  '20',
  '20%',
  '100',
  'main',
  'v1.2',
  'parse/*',
  'abc1234',
  '$(id)',
  '`id`',
  '${HOME}',
  '$HOME',
  ';',
  '|',
  '||',
  '&&',
  '&',
  '>',
  '<',
  '>>',
  "'",
  '"',
  '\\',
  '*',
  '?',
  '[',
  ']',
  '{a,b}',
  '~',
  '!',
  '#',
  '(',
  ')',
  '..',
  '@{',
  '@',
  '.lock',
  '//',
  '--upload-pack=touch',
  '-oProxyCommand=x',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u200b',
  '\u2066',
  '\ufeff',
  '\u{e0041}',
  '\u00ad',
  '\u2014runs',
  '\u2013vs',
  '\uff0d\uff0druns',
  '\uff4d\uff41\uff49\uff4e',
  'ｍain',
  '％',
  '٣',
  'a'.repeat(180),
  'b'.repeat(300),
];
/** Plausible value fragments, mixed with {@link PIECES} so that some glued values pass and some just fail. */
const PLAUSIBLE = [
  'main',
  'v1.2',
  'parse/*',
  'abc1234',
  '5',
  '20',
  '20%',
  'feature/x',
  'x-y',
  '@scope/p@1',
  'Bench*',
  '[ab]',
  'k=v,',
];
const SEPARATORS = [' ', ' ', ' ', '', '\t', '='];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A value glued from 1–3 pieces, so metacharacters land inside otherwise plausible values (`main$(id)`). */
function randomValue(random: Random): string {
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, () => pick(random, random() < 0.6 ? PLAUSIBLE : PIECES)).join('');
}

function randomComment(random: Random): string {
  if (random() < 0.4) {
    const flag = pick(random, ['', '--runs ', '--vs ', '--vs=', '--target ', '--max-iter ']);
    return `${pick(random, ['/perf bench', '/perf optimize'])} ${flag}${randomValue(random)}`;
  }
  const parts = random() < 0.7 ? [pick(random, ['/perf bench', '/perf optimize', '/perf'])] : [];
  const count = 1 + Math.floor(random() * 8);
  for (let i = 0; i < count; i++) parts.push(pick(random, SEPARATORS), pick(random, PIECES));
  return parts.join('');
}

const FILTER = /^[A-Za-z0-9_./*?[\]:=,+-]{1,200}$/;
const REF = /^[A-Za-z0-9_./@+-]{1,255}$/;
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/u;

/** Every typed field inside its allow-list; returns the offending field, or undefined. */
function outsideAllowList(command: PerfCommand): string | undefined {
  if (command.kind === 'bench') {
    if (command.filter !== undefined && (!FILTER.test(command.filter) || command.filter.startsWith('-')))
      return 'filter';
    if (command.runs !== undefined && !(Number.isInteger(command.runs) && command.runs >= 3 && command.runs <= 100))
      return 'runs';
    if (
      command.vs !== undefined &&
      !(REF.test(command.vs) && isValidRefName(command.vs) && !command.vs.startsWith('-'))
    )
      return 'vs';
  }
  if (command.kind === 'optimize') {
    if (command.target !== undefined && !(command.target >= 0.01 && command.target <= 0.95)) return 'target';
    const iterations = command.maxIterations;
    if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 1 && iterations <= 10))
      return 'maxIterations';
    const focus = command.focus;
    if (focus !== undefined && (UNSAFE_TEXT.test(focus) || Array.from(focus).length > 500 || focus !== focus.trim()))
      return 'focus';
  }
  return undefined;
}

describe('parsePerfCommand on 500 random comments full of shell metacharacters', () => {
  it('never yields a command with a field outside its allow-list, and every result has a message or a command', () => {
    const random = createRandom(20240613);
    const counts = { none: 0, command: 0, invalid: 0, benchWithValues: 0, optimizeWithFocus: 0 };
    for (let i = 0; i < 500; i++) {
      const body = randomComment(random);
      const result = parsePerfCommand(body);
      counts[result.type]++;
      if (result.type === 'none') continue;
      expect(result.line).not.toMatch(/[\r\n]/);
      if (result.type === 'invalid') {
        expect(result.error.length).toBeGreaterThan(10);
        continue;
      }
      const { command } = result;
      expect({ body, field: outsideAllowList(command) }).toEqual({ body, field: undefined });
      if (command.kind === 'bench' && (command.filter ?? command.vs ?? command.runs) !== undefined)
        counts.benchWithValues++;
      if (command.kind === 'optimize' && command.focus !== undefined) counts.optimizeWithFocus++;
    }
    // The generator must exercise every outcome, or the property above proves nothing.
    expect(counts.none).toBeGreaterThan(50);
    expect(counts.invalid).toBeGreaterThan(100);
    expect(counts.command).toBeGreaterThan(50);
    expect(counts.benchWithValues).toBeGreaterThan(20);
    expect(counts.optimizeWithFocus).toBeGreaterThan(20);
  });
});
