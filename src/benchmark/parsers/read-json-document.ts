import { BenchOutputError } from '../../domain/errors.ts';
import { extractJsonDocument } from './extract-json-document.ts';
import { describeOutput } from './describe-output.ts';

/**
 * The JSON document in `text` (see `extractJsonDocument`), or a `BenchOutputError` saying there is none.
 * @param label how the format is named in messages, e.g. `hyperfine JSON`.
 */
export function readJsonDocument(text: string, label: string, format: string): unknown {
  const document = extractJsonDocument(text);
  if (document === undefined) {
    throw new BenchOutputError(`${label}: no JSON object or array found; the output ${describeOutput(text)}`, format);
  }
  return document;
}
