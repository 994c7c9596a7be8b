import { stripInvisibleCharacters, truncateCodePoints } from '../domain/untrusted-text.ts';
import { isValidRefName } from './is-valid-ref-name.ts';
import { FILTER_CHARACTERS, PERF_COMMAND_LIMITS as LIMITS, REF_CHARACTERS } from './perf-command.ts';

/** A checked value from a `/perf` command, or a message naming the problem and the fix. */
export type ValueResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** `--runs N`: an integer from 3 to 100. */
export function parseRuns(text: string): ValueResult<number> {
  return parseIntegerIn('--runs', text, LIMITS.runs);
}

/** `--max-iter N`: an integer from 1 to 10. */
export function parseMaxIterations(text: string): ValueResult<number> {
  return parseIntegerIn('--max-iter', text, LIMITS.maxIterations);
}

/** `--target N%` or `--target N`: a percentage from 1 to 95, returned as a fraction (`20%` → `0.2`). */
export function parseTarget(text: string): ValueResult<number> {
  const { min, max } = LIMITS.targetPercent;
  const percent = /^\d{1,3}(\.\d{1,2})?%?$/.test(text) ? Number.parseFloat(text) : Number.NaN;
  if (percent >= min && percent <= max) return { ok: true, value: percent / 100 };
  return fail(`--target: expected a percentage from ${min} to ${max} like 20% or 20, got ${quote(text)}`);
}

/** `--max-regression N%` / `--max-memory N%`: a percentage from 0 to 1000, returned as a fraction. */
export function parseAllowance(flag: string, text: string): ValueResult<number> {
  const { min, max } = LIMITS.allowancePercent;
  const percent = /^\d{1,4}(\.\d{1,2})?%?$/.test(text) ? Number.parseFloat(text) : Number.NaN;
  if (percent >= min && percent <= max) return { ok: true, value: percent / 100 };
  return fail(`${flag}: expected a percentage from ${min} to ${max} like 5% or 5, got ${quote(text)}`);
}

/**
 * `--vs REF`: a branch, tag or commit SHA. It must pass git's ref-name rules ({@link isValidRefName}, which also
 * rejects a leading `-`) and use only {@link REF_CHARACTERS}; a 7–40 digit hex SHA always does.
 */
export function parseRef(text: string): ValueResult<string> {
  const what = `--vs: expected a branch, tag or commit SHA, got ${quote(text)}`;
  const bad = firstCharacterOutside(text, /[A-Za-z0-9_./@+-]/);
  if (bad !== undefined) return fail(`${what} (${quote(bad)} is not allowed; use letters, digits and . _ / - @ +)`);
  if (!REF_CHARACTERS.test(text) || !isValidRefName(text)) {
    const rules = 'no "..", "@{", "//", leading "-" or ".", or trailing "/", "." or ".lock"';
    return fail(`${what} (not a valid git ref name: ${rules})`);
  }
  return { ok: true, value: text };
}

/** `/perf bench FILTER`: a glob over benchmark names, at most 200 characters from {@link FILTER_CHARACTERS}. */
export function parseFilter(text: string): ValueResult<string> {
  if (text.length > LIMITS.filterLength) {
    return fail(`FILTER: expected at most ${LIMITS.filterLength} characters, got ${text.length}`);
  }
  const bad = firstCharacterOutside(text, /[A-Za-z0-9_./*?[\]:=,+-]/);
  if (bad !== undefined || !FILTER_CHARACTERS.test(text)) {
    const hint = bad !== undefined && /["'`]/.test(bad) ? '; write the glob without quotes' : '';
    return fail(
      `FILTER: expected a glob of benchmark names, got ${quote(text)} (${quote(bad ?? text)} is not allowed; ` +
        `use letters, digits and _ . / * ? [ ] : = , + -${hint})`,
    );
  }
  return { ok: true, value: text };
}

/**
 * The free text of `/perf optimize`: control and invisible characters removed, whitespace collapsed, at most 500
 * characters. It stays untrusted data.
 */
export function parseFocus(text: string): ValueResult<string | undefined> {
  return parseFreeText('description', text, LIMITS.focusLength);
}

/**
 * The reason of `/perf ack`: cleaned like the description of `/perf optimize`, at most 300 characters. Too long a
 * reason is refused rather than cut, so nobody's reason is silently shortened in the record. It stays untrusted.
 */
export function parseReason(text: string): ValueResult<string | undefined> {
  return parseFreeText('reason', text, LIMITS.reasonLength);
}

function parseFreeText(name: string, text: string, maxLength: number): ValueResult<string | undefined> {
  const cleaned = stripInvisibleCharacters(text).replace(/\s+/g, ' ').trim();
  const length = Array.from(cleaned).length;
  if (length > maxLength) return fail(`${name}: expected at most ${maxLength} characters, got ${length}; shorten it`);
  return { ok: true, value: cleaned === '' ? undefined : cleaned };
}

function parseIntegerIn(flag: string, text: string, range: { min: number; max: number }): ValueResult<number> {
  const value = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (value >= range.min && value <= range.max) return { ok: true, value };
  return fail(`${flag}: expected an integer from ${range.min} to ${range.max}, got ${quote(text)}`);
}

function firstCharacterOutside(text: string, allowed: RegExp): string | undefined {
  return Array.from(text).find((char) => !allowed.test(char));
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** User text inside a message: JSON-quoted (control characters escaped) and cut to 40 characters. */
export function quote(text: string): string {
  return JSON.stringify(truncateCodePoints(text, 40));
}
