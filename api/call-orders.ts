import {
  type Client,
  type WorkflowExecutionDescription,
  type WorkflowExecutionInfo,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { initialCall, withStatus } from '../domain/call-state';
import type { Call } from '../domain/contract/call';
import type { SearchCallsRequest } from '../domain/contract/search';
import type { NormalizedOrder } from '../domain/order';
import { CALL_ORDER_CONFLICT, cancelUpdate, getCallQuery, pauseUpdate, resumeUpdate } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';
import { mapLimit } from './concurrency';
import { ApiError } from './errors';
import { MATCHES_NOTHING, searchQuery } from './visibility-query';
import { withDeliveryProgress } from './webhook-progress';

/** Calls read concurrently when a page of orders is answered (one query or result fetch each). */
const READ_CONCURRENCY = 10;
/** The most orders an export or a phone history walks; beyond it the answer is cut (README, Limitations). */
export const WALK_LIMIT = 10_000;
/** Memo key of the fingerprint of an idempotent request's body. */
const FINGERPRINT_MEMO = 'idempotency_fingerprint';

export type CallAction = 'cancel' | 'pause' | 'resume';

/** How an order was placed: a new workflow, or the one an earlier request with the same idempotency key started. */
export interface Placed {
  call: Call;
  created: boolean;
}

/** What a read needs of a visibility row or a description. */
type OrderRow = Pick<
  WorkflowExecutionInfo,
  'workflowId' | 'runId' | 'type' | 'status' | 'closeTime' | 'typedSearchAttributes'
>;

/** A page of a search. */
export interface SearchPage {
  calls: Call[];
  total_count: number;
}

/** An order found by a listing: its visibility row and (when read) its `Call`. */
export interface ListedOrder {
  info: WorkflowExecutionInfo;
  /** Null when the walk was asked not to read the orders. */
  call: Call | null;
}

/**
 * Call orders as Temporal workflows: start, read, act, search. Every read is scoped to an organization: an order
 * of another organization is reported exactly like an unknown id.
 */
export class CallOrders {
  /** Whether visibility accepts `ORDER BY` (Elasticsearch does, SQL visibility does not); learnt on first use. */
  private orderBySupported: boolean | null = null;

  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /**
   * Starts the order's workflow and returns its first `Call` as soon as Temporal has accepted it. With a
   * `fingerprint` (idempotent request) the workflow id is deterministic: when it exists already, the same
   * fingerprint returns that order (`created: false`), another one is a 409.
   */
  async place(order: NormalizedOrder, options: { fingerprint: string | null; searchTerms: string[] }): Promise<Placed> {
    try {
      await this.client.workflow.start('callOrder', {
        workflowId: order.id,
        taskQueue: this.taskQueue,
        args: [order],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: options.fingerprint ? { [FINGERPRINT_MEMO]: options.fingerprint } : undefined,
        typedSearchAttributes: [
          { key: sa.CallStatus, value: 'initializing' },
          { key: sa.CallPhoneNumber, value: order.phoneNumber },
          ...(order.fromPhoneNumber ? [{ key: sa.CallFromPhoneNumber, value: order.fromPhoneNumber }] : []),
          { key: sa.CallOrganizationId, value: order.organizationId },
          { key: sa.CallAssistantId, value: order.assistant.id },
          { key: sa.CallAttemptCount, value: 0 },
          ...(order.concurrency ? [{ key: sa.CallConcurrencyKey, value: order.concurrency.key }] : []),
          ...(order.schedule.scheduledAtMs !== null
            ? [{ key: sa.CallScheduledAt, value: new Date(order.schedule.scheduledAtMs) }]
            : []),
          ...(options.searchTerms.length > 0 ? [{ key: sa.CallSearchTerms, value: options.searchTerms }] : []),
        ],
        staticSummary: `Call ${order.phoneNumber} (${order.assistant.name})`,
      });
      return { call: initialCall(order), created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError) || options.fingerprint === null) throw err;
      const existing = await this.findIdempotent(order.id, order.organizationId, options.fingerprint);
      if (existing === null) throw err;
      return { call: existing, created: false };
    }
  }

  /**
   * The order an earlier idempotent request started under `id`, or null when there is none.
   * @throws ApiError 409 when that request had another body
   */
  async findIdempotent(id: string, organizationId: string, fingerprint: string): Promise<Call | null> {
    try {
      const description = await this.client.workflow.getHandle(id).describe();
      const sameOrganization = description.typedSearchAttributes.get(sa.CallOrganizationId) === organizationId;
      if (!sameOrganization || description.memo?.[FINGERPRINT_MEMO] !== fingerprint) {
        throw new ApiError(409, 'idempotency_conflict', 'this Idempotency-Key was used with another request body');
      }
      return await this.readInfo(description);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  /**
   * The order as its workflow holds it (or as its closed run left it), with the progress of a webhook delivery
   * that Temporal is retrying. @throws ApiError 404
   */
  async get(id: string, organizationId: string): Promise<Call> {
    const description = await this.describeOwn(id, organizationId);
    const call = await this.readInfo(description);
    return withDeliveryProgress(call, description.raw.pendingActivities ?? []);
  }

  /**
   * Cancels, pauses or resumes an order through its workflow update and returns the order.
   * @throws ApiError 404 (unknown or another organization's), 409 (the order's state forbids it)
   */
  async act(id: string, organizationId: string, action: CallAction): Promise<Call> {
    const description = await this.describeOwn(id, organizationId);
    if (description.status.name !== 'RUNNING') throw conflict(`cannot ${action} an order that is final`);
    const handle = this.client.workflow.getHandle(id);
    try {
      if (action === 'cancel') await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'api' }] });
      else await handle.executeUpdate(action === 'pause' ? pauseUpdate : resumeUpdate);
      return await this.get(id, organizationId);
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        if (err.cause.type === CALL_ORDER_CONFLICT) throw conflict(err.cause.message);
      }
      if (err instanceof WorkflowNotFoundError) throw conflict(`cannot ${action} an order that is final`);
      throw err;
    }
  }

  /** One page of the organization's orders matching `filters`, and how many match in all. */
  async search(organizationId: string, filters: SearchCallsRequest): Promise<SearchPage> {
    const query = searchQuery(organizationId, filters);
    if (query === MATCHES_NOTHING) return { calls: [], total_count: 0 };
    const { count } = await this.client.workflow.count(query);
    const infos = await this.pageOf(query, filters, count);
    const calls = await mapLimit(infos, READ_CONCURRENCY, (info) => this.readInfo(info));
    return { calls: sortCalls(calls, filters), total_count: count };
  }

  /**
   * Every matching order (at most {@link WALK_LIMIT}), newest first, walking visibility page by page; `read`
   * false skips reading each `Call` (the row's search attributes are enough for some answers).
   */
  async walk(organizationId: string, filters: SearchCallsRequest, read: boolean): Promise<ListedOrder[]> {
    const query = searchQuery(organizationId, filters);
    if (query === MATCHES_NOTHING) return [];
    const infos: WorkflowExecutionInfo[] = [];
    for await (const info of this.client.workflow.list({ query, pageSize: 1000 })) {
      infos.push(info);
      if (infos.length >= WALK_LIMIT) break;
    }
    if (!read) return infos.map((info) => ({ info, call: null }));
    return mapLimit(infos, READ_CONCURRENCY, async (info) => ({ info, call: await this.readInfo(info) }));
  }

  /** Reads one listed order's `Call`. */
  async read(info: OrderRow): Promise<Call> {
    return this.readInfo(info);
  }

  /** Resolves when the Temporal frontend answers. */
  async ping(): Promise<void> {
    await this.client.withDeadline(Date.now() + 3000, () => this.client.workflowService.getSystemInfo({}));
  }

  private async describeOwn(id: string, organizationId: string): Promise<WorkflowExecutionDescription> {
    try {
      const description = await this.client.workflow.getHandle(id).describe();
      const own = description.typedSearchAttributes.get(sa.CallOrganizationId) === organizationId;
      if (description.type !== 'callOrder' || !own) throw notFound(id);
      return description;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound(id);
      throw err;
    }
  }

  /**
   * The `Call` of an order: the workflow's query while it runs, its result once completed. A run closed without
   * a result (terminated, failed, timed out) is synthesized from its input: the first `Call` with the final
   * status (`cancelled` for terminated, `errored` otherwise); its attempts are not known then.
   */
  private async readInfo(info: OrderRow): Promise<Call> {
    const handle = this.client.workflow.getHandle(info.workflowId, info.runId);
    if (info.status.name === 'RUNNING') return handle.query(getCallQuery);
    if (info.status.name === 'COMPLETED') return (await handle.result()) as Call;
    const history = await handle.fetchHistory();
    const payloads = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    const order = await decodeFromPayloadsAtIndex<NormalizedOrder>(
      this.client.options.loadedDataConverter,
      0,
      payloads,
    );
    const status = info.status.name === 'TERMINATED' || info.status.name === 'CANCELLED' ? 'cancelled' : 'errored';
    const call = withStatus(initialCall(order), status, info.closeTime?.getTime() ?? Date.now());
    if (call.webhook_delivery.status === 'none') return call;
    const lastError = `the run was ${info.status.name.toLowerCase()} before its webhook was delivered`;
    return { ...call, webhook_delivery: { ...call.webhook_delivery, status: 'failed', last_error: lastError } };
  }

  /** The rows of one page, walking visibility's page tokens (rows only: no order is read while skipping). */
  private async pageOf(query: string, filters: SearchCallsRequest, total: number): Promise<WorkflowExecutionInfo[]> {
    const size = filters.page_size;
    const ordered = await this.orderedQuery(query, filters);
    let from = (filters.page - 1) * size;
    let to = from + size;
    const reverse = ordered === null && filters.sort_direction === 'asc';
    if (reverse) {
      // Natural visibility order is newest first: an ascending page is a newest-first slice counted from the end.
      [from, to] = [Math.max(0, total - to), total - from];
      if (to <= 0) return [];
    }
    const rows: WorkflowExecutionInfo[] = [];
    let index = 0;
    for await (const info of this.client.workflow.list({ query: ordered ?? query, pageSize: Math.min(1000, to) })) {
      if (index >= from) rows.push(info);
      index += 1;
      if (index >= to) break;
    }
    return reverse ? rows.reverse() : rows;
  }

  /** `query` with an `ORDER BY` when visibility supports one, else null (natural order: newest first). */
  private async orderedQuery(query: string, filters: SearchCallsRequest): Promise<string | null> {
    if (this.orderBySupported === false) return null;
    const field = filters.sort_by === 'scheduled_at' ? sa.CallScheduledAt.name : 'StartTime';
    const ordered = `${query} ORDER BY ${field} ${filters.sort_direction.toUpperCase()}`;
    if (this.orderBySupported === true) return ordered;
    try {
      for await (const _ of this.client.workflow.list({ query: ordered, pageSize: 1 })) break;
      this.orderBySupported = true;
      return ordered;
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      if (!/order by/i.test(`${String(err)} ${String(cause)}`)) throw err;
      this.orderBySupported = false;
      return null;
    }
  }
}

/** Sorts one page by the requested field (visibility has sorted the pages themselves where it can). */
function sortCalls(calls: Call[], filters: SearchCallsRequest): Call[] {
  const key = (call: Call): string => call[filters.sort_by] ?? '';
  const sign = filters.sort_direction === 'asc' ? 1 : -1;
  return [...calls].sort((a, b) => sign * key(a).localeCompare(key(b)));
}

function notFound(id: string): ApiError {
  return new ApiError(404, 'not_found', `no call order with id ${id}`);
}

function conflict(message: string): ApiError {
  return new ApiError(409, 'conflict', message);
}
