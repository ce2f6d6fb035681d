import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { TimezoneTable } from '../domain/zones';
import { Assistants, type AssistantsOptions } from './assistants';
import { CallOrders } from './call-orders';
import { errorHandler } from './errors';
import { assistantRoutes } from './routes/assistants';
import { callRoutes } from './routes/calls';
import { voiceRoutes } from './routes/voices';

export interface AppDeps {
  client: Client;
  taskQueue: string;
  logger: Logger;
  defaultOrganizationId: string;
  timezoneTable: TimezoneTable;
  now?: () => number;
  /** The organization a request's `Authorization` header stands for; the default organization when absent. */
  organizationOf?: (authorization: string | undefined) => string;
  /** Options of the assistant entity workflows (tests lower `maxUpdatesPerRun`). */
  assistants?: AssistantsOptions;
}

/** The Express app, wired to a Temporal client; `listen` is the caller's business. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  const orders = new CallOrders(deps.client, deps.taskQueue);
  const assistants = new Assistants(deps.client, deps.taskQueue, deps.assistants);
  const organizationOf = deps.organizationOf ?? ((): string => deps.defaultOrganizationId);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    callRoutes({
      orders,
      organizationOf,
      timezoneTable: deps.timezoneTable,
      now: deps.now ?? Date.now,
      assistants,
    }),
  );
  app.use(assistantRoutes({ assistants, organizationOf, now: deps.now ?? Date.now }));
  app.use(voiceRoutes());
  app.use(errorHandler(deps.logger));
  return app;
}
