import type { IncomingMessage } from 'node:http';

/** The body as text, or that it was over the limit (declared, or as it streamed in). */
export type CappedBody = { ok: true; text: string } | { ok: false; receivedBytes: number };

/**
 * Reads a request body of at most `limitBytes`. A larger `content-length` is refused before a byte is read;
 * a body without one (chunked) is counted as it arrives and given up the moment it passes the limit: from then
 * on its chunks are dropped unread, so an unauthenticated sender can make the server hold at most `limitBytes`.
 * The stream is not destroyed here, so the caller can still answer on the same connection.
 */
export function readCappedBody(request: IncomingMessage, limitBytes: number): Promise<CappedBody> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume(); // drop whatever arrives until the connection is closed
    return Promise.resolve({ ok: false, receivedBytes: 0 });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limitBytes) return void chunks.push(chunk);
      request.off('data', onData).off('end', onEnd);
      chunks.length = 0;
      request.resume(); // flowing without a listener: the rest is dropped as it comes
      resolve({ ok: false, receivedBytes: received });
    };
    const onEnd = () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    request.on('data', onData).once('end', onEnd).once('error', reject);
  });
}
