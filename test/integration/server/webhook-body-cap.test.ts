import { generateKeyPairSync } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createNodeMiddleware, Probot } from 'probot';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createPerfApp } from '../../../src/app/create-perf-app.ts';
import type { IntakeJobData } from '../../../src/queue/intake-job-data.ts';
import { createHttpServer, WEBHOOK_BODY_LIMIT_BYTES, WEBHOOK_PATH } from '../../../src/server/create-http-server.ts';
import { deliverWebhook, examplePayload } from '../../helpers/webhook-delivery.ts';

const SECRET = 'body-cap-secret-0123456789';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The real HTTP server with Probot's real webhook middleware (signature check) in front of the thin app. */
async function startServer(): Promise<{ url: string; enqueued: IntakeJobData[] }> {
  const enqueued: IntakeJobData[] = [];
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, log: pino({ level: 'silent' }) });
  const webhooks = await createNodeMiddleware(createPerfApp({ enqueue: async (event) => void enqueued.push(event) }), {
    probot,
    webhooksPath: WEBHOOK_PATH,
  });
  server = createHttpServer({
    webhooks: (request, response) => webhooks(request, response, () => response.writeHead(404).end()),
    health: async () => ({ ok: true, checks: {} }),
    metrics: new Registry(),
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`, enqueued };
}

/** POSTs `headers`, then streams `totalBytes` in 1 MB chunks (chunked encoding unless a length is declared), until answered. */
function stream(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      answered = true;
      let body = '';
      response.on('data', (d) => (body += d));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, sentBytes: sent }));
    });
    // The server closes the connection after refusing; what the sender still writes then fails, as it would for GitHub.
    request.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const writeMore = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', writeMore);
      }
      if (!answered) request.end();
    };
    if (totalBytes === 0) request.flushHeaders();
    else writeMore();
  });
}

describe('webhook body cap (25 MB, before the signature check)', () => {
  const headers = {
    'content-type': 'application/json',
    'x-github-event': 'issue_comment',
    'x-github-delivery': 'd-1',
    'x-hub-signature-256': 'sha256=00',
  };

  it('a chunked body past 25 MB is refused with 413 while it streams, and nothing is enqueued', async () => {
    const { url, enqueued } = await startServer();
    const result = await stream(url, headers, 40 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: 'payload too large: GitHub sends at most 25 MB' });
    expect(enqueued).toEqual([]);
  });

  it('a declared content-length over 25 MB is refused before any of the body is sent', async () => {
    const { url, enqueued } = await startServer();
    const result = await stream(url, { ...headers, 'content-length': String(WEBHOOK_BODY_LIMIT_BYTES + 1) }, 0);
    expect(result).toMatchObject({ status: 413, sentBytes: 0 });
    expect(enqueued).toEqual([]);
  });

  it('a signed delivery under the cap still passes the signature check and is enqueued; a badly signed one is still refused', async () => {
    const { url, enqueued } = await startServer();
    const payload = examplePayload('issue_comment', (e) => e.action === 'created');
    (payload.comment as { body: string }).body = `/perf help\n\n${'x'.repeat(2 * 1024 * 1024)}`;
    const ok = await deliverWebhook(url, 'issue_comment', payload, { secret: SECRET, deliveryId: 'under-the-cap' });
    const forged = await deliverWebhook(url, 'issue_comment', payload, { secret: 'wrong' });
    expect([ok.status, forged.status]).toEqual([200, 400]);
    expect(enqueued.map((e) => e.deliveryId)).toEqual(['under-the-cap']);
  });
});
