import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { checkBasicAuth } from './check-basic-auth.ts';
import { readCappedBody } from './read-capped-body.ts';

export const WEBHOOK_PATH = '/api/github/webhooks';
export const DASHBOARD_PATH = '/admin/queues';
/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const WEBHOOK_BODY_LIMIT_BYTES = 25 * 1024 * 1024;
/** How long a refused sender may keep streaming (dropped unread) before its connection is cut. */
const LINGER_MS = 10_000;

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

type NodeHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface HttpServerOptions {
  /** Probot's webhook middleware: verifies the signature, then runs the (thin) handlers. */
  webhooks: NodeHandler;
  health: () => Promise<HealthReport>;
  metrics: Registry;
  /** Observes webhook latency (receipt → response) per event and status. */
  observeWebhook?: (event: string, status: number, seconds: number) => void;
  /** Largest webhook body accepted (413 otherwise); GitHub's 25 MB by default. */
  webhookBodyLimitBytes?: number;
  /** The queue dashboard, served only behind basic auth; absent when not configured. */
  dashboard?: { handler: NodeHandler; user: string; password: string };
}

/** The app's HTTP surface: webhooks, health, metrics and the optional dashboard. Everything else is 404. */
export function createHttpServer(options: HttpServerOptions): http.Server {
  return http.createServer((request, response) => {
    void route(options, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
      else response.end();
    });
  });
}

async function route(options: HttpServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === WEBHOOK_PATH) {
    const started = process.hrtime.bigint();
    const event = String(request.headers['x-github-event'] ?? 'unknown');
    response.once('finish', () =>
      options.observeWebhook?.(event, response.statusCode, Number(process.hrtime.bigint() - started) / 1e9),
    );
    // Before the signature is checked (which needs the whole body), so an unsigned sender cannot fill memory.
    const body = await readCappedBody(request, options.webhookBodyLimitBytes ?? WEBHOOK_BODY_LIMIT_BYTES);
    if (!body.ok) {
      // A lingering close, as nginx does: the rest is dropped unread while the sender finishes, so it can read the
      // answer instead of failing on a reset; a sender that keeps going is cut off after LINGER_MS.
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(`${JSON.stringify({ error: 'payload too large: GitHub sends at most 25 MB' })}\n`);
      const linger = setTimeout(() => request.destroy(), LINGER_MS).unref();
      request.once('end', () => clearTimeout(linger));
      return;
    }
    // Probot's middleware reads a string `body` instead of the stream (as on serverless platforms).
    Object.assign(request, { body: body.text });
    await options.webhooks(request, response);
    return;
  }
  if (url.pathname === '/healthz' && request.method === 'GET') {
    const report = await options.health();
    send(response, report.ok ? 200 : 503, report);
    return;
  }
  if (url.pathname === '/metrics' && request.method === 'GET') {
    const body = await options.metrics.metrics();
    response.writeHead(200, { 'content-type': options.metrics.contentType });
    response.end(body);
    return;
  }
  if (options.dashboard && (url.pathname === DASHBOARD_PATH || url.pathname.startsWith(`${DASHBOARD_PATH}/`))) {
    if (!checkBasicAuth(request, options.dashboard)) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="perfbot"' });
      response.end();
      return;
    }
    await options.dashboard.handler(request, response);
    return;
  }
  send(response, 404, { error: 'not found' });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(`${JSON.stringify(body)}\n`);
}
