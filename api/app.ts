import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { TimezoneTable } from '../domain/zones';
import { CallOrders } from './call-orders';
import { errorHandler } from './errors';
import { callRoutes } from './routes/calls';

export interface AppDeps {
  client: Client;
  taskQueue: string;
  logger: Logger;
  defaultOrganizationId: string;
  timezoneTable: TimezoneTable;
  now?: () => number;
}

/** The Express app, wired to a Temporal client; `listen` is the caller's business. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  const orders = new CallOrders(deps.client, deps.taskQueue);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    callRoutes({
      orders,
      organizationOf: () => deps.defaultOrganizationId,
      timezoneTable: deps.timezoneTable,
      now: deps.now ?? Date.now,
    }),
  );
  app.use(errorHandler(deps.logger));
  return app;
}
