/** Query parameters that ioredis reads as options and that carry a credential (`?password=…` works like `:…@`). */
const CREDENTIAL_PARAM = /pass|secret|token/i;

/** What a redacted credential is replaced with (the same as the redactor's). */
const MASK = '***';

/**
 * `REDIS_URL` as it may be printed: the password (`redis://user:PASSWORD@host`) and credential query parameters
 * (`?password=…`, `?sentinelPassword=…`) masked; host, port, db and the user name kept so the operator still sees
 * which server was meant. Accepts every form ioredis accepts (`redis://`, `rediss://`, `//host`, `host:port`,
 * `/path/to.sock?…`); anything unparseable becomes a placeholder rather than being echoed.
 */
export function redactRedisUrl(url: string): string {
  try {
    if (url.startsWith('/') && !url.startsWith('//')) return redactSocketPath(url);
    const prefix = /^rediss?:\/\//i.test(url) ? '' : url.startsWith('//') ? 'redis:' : 'redis://';
    const parsed = new URL(prefix + url);
    if (parsed.password) parsed.password = MASK;
    maskParams(parsed.searchParams);
    return parsed.toString().slice(prefix.length);
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

function redactSocketPath(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  maskParams(params);
  return `${url.slice(0, query)}?${params.toString()}`;
}

function maskParams(params: URLSearchParams): void {
  for (const key of [...params.keys()]) if (CREDENTIAL_PARAM.test(key)) params.set(key, MASK);
}
