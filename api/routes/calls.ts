import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { placeCallRequestSchema } from '../../domain/contract/place-call';
import { normalizeOrder } from '../../domain/normalize-order';
import type { CallOrders } from '../call-orders';
import { ApiError, validationError } from '../errors';

export interface CallRoutesDeps {
  orders: CallOrders;
  organizationOf: (authorization: string | undefined) => string;
  resolveZones: (e164: string, override: string | null) => Promise<string[]>;
  now: () => number;
}

/** `POST /call` and `GET /call/:id`. */
export function callRoutes(deps: CallRoutesDeps): Router {
  const router = Router();

  router.post('/call', async (req, res) => {
    const organizationId = deps.organizationOf(req.headers.authorization);
    const parsed = placeCallRequestSchema.safeParse(req.body);
    if (!parsed.success) throw validationError(parsed.error);
    const request = parsed.data;
    const phone = parsePhoneNumberFromString(request.phone_number);
    if (!phone?.isValid()) {
      throw new ApiError(400, 'invalid_request', 'the request is invalid', [
        { path: 'phone_number', message: 'not a valid phone number in E.164 form' },
      ]);
    }
    const zones = await deps.resolveZones(phone.number, request.assistant?.call_retry_config?.timezone ?? null);
    const order = normalizeOrder(request, {
      id: `call_${randomUUID()}`,
      organizationId,
      nowMs: deps.now(),
      phoneNumber: phone.number,
      zones,
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
