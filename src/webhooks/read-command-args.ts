import { suggestClosest } from '../config/suggest-closest.ts';
import { quote } from './parse-command-values.ts';

/** One whitespace-separated word of a command line and where it starts, so free text can be cut out verbatim. */
export interface Token {
  text: string;
  start: number;
}

/** Flags a subcommand accepts, each with an example of its use for "missing value" messages. */
export type FlagExamples = Readonly<Record<string, string>>;

/**
 * What {@link readCommandArgs} found: raw flag values by name, and either the positional words (`bench`) or the
 * index of the first word of free text (`optimize`, where the description runs to the end of the line).
 */
export type CommandArgs =
  | {
      ok: true;
      flags: Map<string, string>;
      positionals: Token[];
      /** Offset in the line where free text starts (`rest` mode only). */
      textStart: number | undefined;
      /** The text was introduced by `--`, so words in it that look like flags are meant as text. */
      afterSeparator: boolean;
    }
  | { ok: false; error: string };

/** Dashes that phones and word processors substitute for `--` ("smart punctuation"). */
const LONG_DASH = /^[\u2012-\u2015\u2212]+/;

/**
 * Reads `--flag value` / `--flag=value` pairs. Values are returned raw; the caller validates each one.
 * With `text: 'rest'`, the first word that is not a flag (or the word after `--`) starts free text and reading
 * stops there. Unknown or repeated flags, flags without a value and flags typed with a long dash are errors.
 */
export function readCommandArgs(
  tokens: readonly Token[],
  flags: FlagExamples,
  command: string,
  text: 'positionals' | 'rest',
): CommandArgs {
  const values = new Map<string, string>();
  const positionals: Token[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const longDash = longDashFlag(token.text, flags);
    if (longDash !== undefined) return { ok: false, error: longDash };
    if (text === 'rest' && token.text === '--') {
      const textStart = tokens[index + 1]?.start;
      return { ok: true, flags: values, positionals, textStart, afterSeparator: true };
    }
    if (!token.text.startsWith('-')) {
      if (text === 'rest') {
        return { ok: true, flags: values, positionals, textStart: token.start, afterSeparator: false };
      }
      positionals.push(token);
      continue;
    }
    const equals = token.text.indexOf('=');
    const name = equals > 0 ? token.text.slice(0, equals) : token.text;
    const example = flags[name];
    if (example === undefined) return { ok: false, error: unknownFlag(name, flags, command) };
    if (values.has(name)) return { ok: false, error: `${name}: given twice; give it once` };
    const next = tokens[index + 1]?.text;
    // `--runs --vs main`: the next word is another flag, so --runs has no value.
    const value = equals > 0 ? token.text.slice(equals + 1) : next?.startsWith('--') === false ? next : undefined;
    if (value === undefined || value === '') {
      return { ok: false, error: `${name}: missing value; write it like ${example}` };
    }
    if (equals <= 0) index++;
    values.set(name, value);
  }
  return { ok: true, flags: values, positionals, textStart: undefined, afterSeparator: false };
}

function unknownFlag(name: string, flags: FlagExamples, command: string): string {
  const known = Object.keys(flags);
  const suggestion = suggestClosest(name, known);
  const didYouMean = suggestion === undefined ? '' : ` (did you mean ${quote(suggestion)}?)`;
  const expected = known.length === 0 ? 'it takes no flags' : `expected ${known.join(' or ')}`;
  return `unknown flag ${quote(name)} for ${command}${didYouMean}; ${expected}`;
}

/** `—runs` (an em dash typed by autocorrect) where `--runs` was meant. */
function longDashFlag(word: string, flags: FlagExamples): string | undefined {
  if (!LONG_DASH.test(word)) return undefined;
  const meant = word.replace(LONG_DASH, '--').split('=')[0] ?? '';
  if (flags[meant] === undefined) return undefined;
  return `${quote(word.split('=')[0] ?? word)} looks like ${meant} typed with a long dash; type two hyphens: ${meant}`;
}
