import { BenchmarkRunError, isPerfbotError } from '../domain/errors.ts';

/** One readable message per error; output tails of failed commands are indented below it. */
export function formatCliError(error: unknown): string {
  if (!isPerfbotError(error)) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return `perfbot: internal error (please report it): ${message}\n`;
  }
  let text = `perfbot: ${error.message}\n`;
  if (error instanceof BenchmarkRunError && error.details.outputTail) {
    text += `--- last lines of output ---\n${error.details.outputTail.trimEnd()}\n---\n`;
  }
  return text;
}
