import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Constant-time check of an HTTP Basic `Authorization` header against one user and password. */
export function checkBasicAuth(request: IncomingMessage, expected: { user: string; password: string }): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'base64');
  const wanted = Buffer.from(`${expected.user}:${expected.password}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
