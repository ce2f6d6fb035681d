import { loadTimezoneTable } from '../../config/timezone-table';
import { normalizeOrder } from '../../domain/normalize-order';
import { type PlaceCallBody, placeCallRequestSchema } from '../../domain/contract/place-call';
import type { NormalizedOrder } from '../../domain/order';

let counter = 0;
const timezoneTable = loadTimezoneTable();

/** A normalised order for workflow tests, from a `POST /call` body, judged at `nowMs`. */
export function testOrder(request: Partial<PlaceCallBody>, context: { nowMs: number; id?: string }): NormalizedOrder {
  counter += 1;
  const body = placeCallRequestSchema.parse({
    phone_number: '+14155550123',
    assistant: { prompt: 'Say hello.' },
    ...request,
  });
  return normalizeOrder(body, {
    id: context.id ?? `call_test_${process.pid}_${counter}`,
    organizationId: 'org_test',
    nowMs: context.nowMs,
    timezoneTable,
  });
}
