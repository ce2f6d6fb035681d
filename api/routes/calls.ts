import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { placeCallRequestSchema } from '../../domain/contract/place-call';
import { normalizeOrder } from '../../domain/normalize-order';
import type { TimezoneTable } from '../../domain/zones';
import type { Assistants } from '../assistants';
import type { CallOrders } from '../call-orders';
import { validationError } from '../errors';

export interface CallRoutesDeps {
  orders: CallOrders;
  organizationOf: (authorization: string | undefined) => string;
  timezoneTable: TimezoneTable;
  now: () => number;
  /** Resolves `assistant_id` to a snapshot of the stored assistant (and checks an inline assistant's voice). */
  assistants?: Pick<Assistants, 'forOrder'>;
}

/** `POST /call` and `GET /call/:id`. */
export function callRoutes(deps: CallRoutesDeps): Router {
  const router = Router();

  router.post('/call', async (req, res) => {
    const organizationId = deps.organizationOf(req.headers.authorization);
    const parsed = placeCallRequestSchema.safeParse(req.body);
    if (!parsed.success) throw validationError(parsed.error);
    const assistant = await deps.assistants?.forOrder(parsed.data, organizationId);
    const order = normalizeOrder(parsed.data, {
      ...(assistant ? { assistant } : {}),
      id: `call_${randomUUID()}`,
      organizationId,
      nowMs: deps.now(),
      timezoneTable: deps.timezoneTable,
    });
    await deps.orders.place(order);
    res.status(201).json({ call: await deps.orders.get(order.id, organizationId) });
  });

  router.get('/call/:id', async (req, res) => {
    const organizationId = deps.organizationOf(req.headers.authorization);
    res.json({ call: await deps.orders.get(req.params.id, organizationId) });
  });

  return router;
}
