import { Router } from 'express';
import type { Call } from '../../domain/contract/call';
import { exportCallsRequestSchema, outcomeSchema, searchCallsRequestSchema } from '../../domain/contract/search';
import { normalizePhoneNumber } from '../../domain/phone';
import * as sa from '../../workflows/search-attributes';
import { organizationOf } from '../auth';
import type { CallOrders, ListedOrder } from '../call-orders';
import { toCsv } from '../csv';
import { ApiError, validationError } from '../errors';
import { mapLimit } from '../concurrency';

export interface SearchRoutesDeps {
  orders: CallOrders;
  now: () => number;
}

/** `POST /call/search`, `POST /call/export` and `GET /calls/phone-history`. */
export function searchRoutes(deps: SearchRoutesDeps): Router {
  const router = Router();

  router.post('/call/search', async (req, res) => {
    const parsed = searchCallsRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    res.json(await deps.orders.search(organizationOf(res), phoneFiltersChecked(parsed.data)));
  });

  router.post('/call/export', async (req, res) => {
    const parsed = exportCallsRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const { filters, include_metadata, include_structured_output_fields } = parsed.data;
    const orders = await deps.orders.walk(organizationOf(res), phoneFiltersChecked(filters, ['filters']), true);
    const date = new Date(deps.now()).toISOString().slice(0, 10);
    res.json({
      csv: exportCsv(orders, { metadata: include_metadata, structuredOutput: include_structured_output_fields }),
      filename: `calls-${date}.csv`,
    });
  });

  router.get('/calls/phone-history', async (_req, res) => {
    const orders = await deps.orders.walk(organizationOf(res), searchCallsRequestSchema.parse({}), false);
    res.json({ phone_history: await phoneHistory(orders, deps.orders) });
  });

  return router;
}

/** The same filters, with their phone numbers judged up front so a bad one is a 400 naming its path. */
function phoneFiltersChecked<T extends { to_phone_number?: string | null; from_phone_numbers?: string[] }>(
  filters: T,
  prefix: (string | number)[] = [],
): T {
  const issues: { path: string; message: string }[] = [];
  const check = (value: string, path: (string | number)[]): void => {
    try {
      normalizePhoneNumber(value);
    } catch (err) {
      const name = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
      issues.push({ path: name, message: (err as Error).message });
    }
  };
  if (filters.to_phone_number) check(filters.to_phone_number, [...prefix, 'to_phone_number']);
  filters.from_phone_numbers?.forEach((n, i) => {
    check(n, [...prefix, 'from_phone_numbers', i]);
  });
  if (issues.length > 0) throw new ApiError(400, 'invalid_request', 'the request is invalid', issues);
  return filters;
}

const outcomeOf = (order: ListedOrder): string | null => order.info.typedSearchAttributes.get(sa.CallOutcome) ?? null;

function exportCsv(orders: ListedOrder[], include: { metadata: boolean; structuredOutput: boolean }): string {
  const calls = orders.map((o) => o.call).filter((c): c is Call => c !== null);
  const metadataKeys = include.metadata ? unionOfKeys(calls.map((c) => c.metadata)) : [];
  const outputKeys = include.structuredOutput
    ? unionOfKeys(calls.map((c) => c.last_call_attempt?.structured_output ?? null))
    : [];
  const header = [
    'id',
    'status',
    'to_phone_number',
    'from_phone_number',
    'assistant_id',
    'created_at',
    'scheduled_at',
    'updated_at',
    'calls_count',
    'last_result',
    'outcome',
    ...metadataKeys.map((k) => `metadata.${k}`),
    ...outputKeys.map((k) => `structured_output.${k}`),
  ];
  const rows = orders.flatMap(({ call, ...order }) => {
    if (call === null) return [];
    const output = call.last_call_attempt?.structured_output ?? {};
    return [
      [
        call.id,
        call.status,
        call.to_phone_number,
        call.from_phone_number,
        call.assistant?.id ?? null,
        call.created_at,
        call.scheduled_at,
        call.updated_at,
        call.calls_count,
        call.last_call_attempt?.result ?? null,
        outcomeOf({ call, ...order }),
        ...metadataKeys.map((k) => call.metadata?.[k] ?? null),
        ...outputKeys.map((k) => cellOf(output[k])),
      ],
    ];
  });
  return toCsv(header, rows);
}

function cellOf(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function unionOfKeys(maps: (Record<string, unknown> | null)[]): string[] {
  return [...new Set(maps.flatMap((m) => Object.keys(m ?? {})))].sort();
}

interface HistoryEntry {
  count: number;
  last_called_at: string | null;
  last_outcome: ReturnType<typeof outcomeSchema.parse> | null;
  reached_human: boolean;
  do_not_contact: boolean;
  hot: boolean;
  campaigns: { id: string; name: string }[];
}

/**
 * Per phone number of the organization's orders (newest first): attempts summed from `CallAttemptCount`, a human
 * reached when any order's `CallLastResult` is `human` or `unknown`; the newest order with an attempt is read
 * for `last_called_at` and its `CallOutcome` gives `last_outcome`.
 */
async function phoneHistory(orders: ListedOrder[], reader: CallOrders): Promise<Record<string, HistoryEntry>> {
  const history = new Map<string, HistoryEntry>();
  const newestCalled = new Map<string, ListedOrder>();
  for (const order of orders) {
    const attributes = order.info.typedSearchAttributes;
    const number = attributes.get(sa.CallPhoneNumber);
    if (number === undefined) continue;
    const attempts = attributes.get(sa.CallAttemptCount) ?? 0;
    const result = attributes.get(sa.CallLastResult);
    const entry = history.get(number) ?? {
      count: 0,
      last_called_at: null,
      last_outcome: null,
      reached_human: false,
      do_not_contact: false,
      hot: false,
      campaigns: [],
    };
    entry.count += attempts;
    entry.reached_human ||= result === 'human' || result === 'unknown';
    history.set(number, entry);
    if (attempts > 0 && !newestCalled.has(number)) newestCalled.set(number, order);
  }
  await mapLimit([...newestCalled], 10, async ([number, order]) => {
    const entry = history.get(number);
    if (!entry) return;
    const call = await reader.read(order.info);
    const outcome = outcomeSchema.safeParse(outcomeOf(order));
    entry.last_called_at = call.last_call_attempt?.started_at ?? null;
    entry.last_outcome = outcome.success ? outcome.data : null;
    entry.hot = entry.last_outcome === 'interested';
    entry.reached_human ||= call.last_call_attempt?.result === 'human' || call.last_call_attempt?.result === 'unknown';
  });
  return Object.fromEntries(history);
}
