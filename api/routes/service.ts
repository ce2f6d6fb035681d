import { Router } from 'express';
import type { CallOrders } from '../call-orders';
import { ApiError } from '../errors';
import { openApiDocument } from '../openapi';

/** `GET /healthz`, `GET /readyz` and `GET /openapi.json`: no API key needed. */
export function serviceRoutes(orders: CallOrders): Router {
  const router = Router();
  const document = openApiDocument();

  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await orders.ping();
    } catch {
      throw new ApiError(503, 'unavailable', 'Temporal is unreachable');
    }
    res.json({ ok: true });
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
