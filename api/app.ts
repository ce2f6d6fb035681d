import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { TimezoneTable } from '../domain/zones';
import { authenticate, requireJsonBody } from './auth';
import { CallOrders } from './call-orders';
import { ApiError, errorHandler } from './errors';
import { callRoutes, noStoredAssistants, type ResolveAssistant } from './routes/calls';
import { searchRoutes } from './routes/search';
import { serviceRoutes } from './routes/service';

export interface AppDeps {
  client: Client;
  taskQueue: string;
  logger: Logger;
  defaultOrganizationId: string;
  timezoneTable: TimezoneTable;
  /** Bearer key → organization id; empty: every request is served as `defaultOrganizationId`. */
  apiKeys?: ReadonlyMap<string, string>;
  /** Stored assistants by id (default: none, so any `assistant_id` is a 404). */
  resolveAssistant?: ResolveAssistant;
  now?: () => number;
}

/** Largest accepted request body. */
export const BODY_LIMIT = '1mb';

/** The Express app, wired to a Temporal client; `listen` is the caller's business. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const orders = new CallOrders(deps.client, deps.taskQueue);
  const now = deps.now ?? Date.now;
  app.use(serviceRoutes(orders));
  app.use(authenticate(deps.apiKeys ?? new Map(), deps.defaultOrganizationId));
  app.use(requireJsonBody);
  app.use(express.json({ limit: BODY_LIMIT, strict: false }));
  app.use(
    callRoutes({
      orders,
      timezoneTable: deps.timezoneTable,
      resolveAssistant: deps.resolveAssistant ?? noStoredAssistants,
      now,
    }),
  );
  app.use(searchRoutes({ orders, now }));
  app.use((req, _res, next) => {
    next(new ApiError(404, 'not_found', `no route ${req.method} ${req.path}`));
  });
  app.use(errorHandler(deps.logger));
  return app;
}
