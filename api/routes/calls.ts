import { type Request, type Response, Router } from 'express';
import { randomUUID } from 'node:crypto';
import { placeCallRequestSchema, type PlaceCallRequest } from '../../domain/contract/place-call';
import { normalizeOrder } from '../../domain/normalize-order';
import type { NormalizedOrder } from '../../domain/order';
import { planAttempts } from '../../domain/schedule';
import type { TimezoneTable } from '../../domain/zones';
import type { Assistants } from '../assistants';
import { organizationOf } from '../auth';
import type { CallAction, CallOrders } from '../call-orders';
import { validationError } from '../errors';
import { bodyFingerprint, canonicalOrderBody, idempotentCallId } from '../idempotency';
import { searchTerms } from '../visibility-query';

export interface CallRoutesDeps {
  orders: CallOrders;
  timezoneTable: TimezoneTable;
  /** The caller id of orders that send no `from_phone_number`; null: none. */
  defaultFromPhoneNumber: string | null;
  /** Snapshots a stored assistant for `assistant_id` (404 when unknown) and checks an inline assistant's voice. */
  assistants: Pick<Assistants, 'forOrder'>;
  now: () => number;
}

/** `POST /call`, `POST /call/preview`, `GET /call/:id` and the cancel, pause and resume actions. */
export function callRoutes(deps: CallRoutesDeps): Router {
  const router = Router();

  /** Validates a `POST /call` body and judges its creation-time rules under `id`. */
  const judge = async (body: PlaceCallRequest, id: string, organizationId: string): Promise<NormalizedOrder> => {
    const assistant = await deps.assistants.forOrder(body, organizationId);
    return normalizeOrder(body, {
      id,
      organizationId,
      nowMs: deps.now(),
      timezoneTable: deps.timezoneTable,
      defaultFromPhoneNumber: deps.defaultFromPhoneNumber,
      ...(assistant ? { assistant } : {}),
    });
  };

  router.post('/call', async (req, res) => {
    const organizationId = organizationOf(res);
    const body = parseBody(req);
    const key = req.get('Idempotency-Key');
    const fingerprint = key === undefined ? null : bodyFingerprint(canonicalOrderBody(body));
    const id = key === undefined ? `call_${randomUUID()}` : idempotentCallId(organizationId, key);
    if (fingerprint !== null) {
      const existing = await deps.orders.findIdempotent(id, organizationId, fingerprint);
      if (existing !== null) {
        res.status(200).setHeader('Idempotent-Replayed', 'true').json({ call: existing });
        return;
      }
    }
    const order = await judge(body, id, organizationId);
    const placed = await deps.orders.place(order, {
      fingerprint,
      searchTerms: searchTerms(body.metadata, body.prompt_variables),
    });
    if (!placed.created) res.setHeader('Idempotent-Replayed', 'true');
    res.status(placed.created ? 201 : 200).json({ call: placed.call });
  });

  router.post('/call/preview', async (req, res) => {
    const order = await judge(parseBody(req), `call_preview_${randomUUID()}`, organizationOf(res));
    const attempts = planAttempts(order.schedule, deps.now()).map((atMs) => new Date(atMs).toISOString());
    res.json({ timezones: order.schedule.zones, attempts });
  });

  router.get('/call/:id', async (req, res) => {
    res.json({ call: await deps.orders.get(req.params.id, organizationOf(res)) });
  });

  const action = (name: CallAction) => async (req: Request<{ id: string }>, res: Response) => {
    const call = await deps.orders.act(req.params.id, organizationOf(res), name);
    res.json({ success: true, call });
  };
  router.post('/call/:id/cancel', action('cancel'));
  router.post('/call/:id/pause', action('pause'));
  router.post('/call/:id/resume', action('resume'));

  return router;
}

function parseBody(req: Request): PlaceCallRequest {
  const parsed = placeCallRequestSchema.safeParse(req.body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
