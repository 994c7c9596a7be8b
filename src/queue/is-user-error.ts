import { isPerfbotError } from '../domain/errors.ts';

/** An error caused by the user's input (config, refs, command): retrying cannot fix it. */
export function isUserError(error: unknown): boolean {
  if (isPerfbotError(error)) return error.userError;
  return typeof error === 'object' && error !== null && (error as { userError?: unknown }).userError === true;
}
