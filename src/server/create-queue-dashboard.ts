import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import type { Queue } from 'bullmq';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DASHBOARD_PATH } from './create-http-server.ts';

/** Bull Board for the given queues, as a plain Node handler mounted at /admin/queues (auth is the server's job). */
export function createQueueDashboard(queues: Queue[]): (request: IncomingMessage, response: ServerResponse) => void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter });
  const app = express();
  app.disable('x-powered-by');
  app.use(DASHBOARD_PATH, serverAdapter.getRouter() as express.Router);
  return (request, response) => {
    app(request as express.Request, response as express.Response);
  };
}
