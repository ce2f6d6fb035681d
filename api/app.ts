import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { TimezoneTable } from '../domain/zones';
import { authenticate, requireJsonBody } from './auth';
import { CallOrders } from './call-orders';
import { ApiError, errorHandler } from './errors';
import { Assistants, type AssistantsOptions } from './assistants';
import { assistantRoutes } from './routes/assistants';
import { callRoutes } from './routes/calls';
import { voiceRoutes } from './routes/voices';
import { searchRoutes } from './routes/search';
import { serviceRoutes } from './routes/service';

export interface AppDeps {
  client: Client;
  taskQueue: string;
  logger: Logger;
  defaultOrganizationId: string;
  timezoneTable: TimezoneTable;
  /** The caller id of orders that send no `from_phone_number` (E.164); null: none shown. */
  defaultFromPhoneNumber?: string | null;
  /** Bearer key → organization id; empty: every request is served as `defaultOrganizationId`. */
  apiKeys?: ReadonlyMap<string, string>;
  /** Options of the assistant entity workflows (tests lower `maxUpdatesPerRun`). */
  assistants?: AssistantsOptions;
  now?: () => number;
}

/** Largest accepted request body. */
export const BODY_LIMIT = '512kb';

/** The Express app, wired to a Temporal client; `listen` is the caller's business. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const orders = new CallOrders(deps.client, deps.taskQueue);
  const assistants = new Assistants(deps.client, deps.taskQueue, deps.assistants);
  const now = deps.now ?? Date.now;
  app.use(serviceRoutes(orders));
  app.use(authenticate(deps.apiKeys ?? new Map(), deps.defaultOrganizationId));
  app.use(requireJsonBody);
  app.use(express.json({ limit: BODY_LIMIT, strict: false, type: ['application/json', 'application/*+json'] }));
  app.use(
    callRoutes({
      orders,
      timezoneTable: deps.timezoneTable,
      defaultFromPhoneNumber: deps.defaultFromPhoneNumber ?? null,
      assistants,
      now,
    }),
  );
  app.use(searchRoutes({ orders, now }));
  app.use(assistantRoutes({ assistants, now }));
  app.use(voiceRoutes());
  app.use((req, _res, next) => {
    next(new ApiError(404, 'not_found', `no route ${req.method} ${req.path}`));
  });
  app.use(errorHandler(deps.logger));
  return app;
}
