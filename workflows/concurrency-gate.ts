import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type GateEntry,
  type GateHolder,
  type GateState,
  gateStateQuery,
  type SlotRef,
  type SlotRequest,
  slotGrantedSignal,
  slotReleaseSignal,
  slotRequestSignal,
} from './messages';

/** Grants one run serves before it continues as new (besides Temporal's own suggestion). */
export const DEFAULT_GRANTS_PER_RUN = 500;
/** How long a gate with no holder and no waiter lives before it completes. */
export const DEFAULT_GATE_IDLE_TIMEOUT_MS = 5 * 60_000;

/** The input of a gate: a fresh one (from the first request) or the state carried over by continue-as-new. */
export interface GateInput {
  organizationId: string;
  key: string;
  /** The limit until a request says otherwise. */
  max: number;
  grantsPerRun?: number;
  idleTimeoutMs?: number;
  carried?: Pick<GateState, 'holders' | 'queue' | 'requestsTotal' | 'grantsTotal' | 'leasesExpiredTotal'>;
}

/** How a gate ended: idle, nobody holding or waiting. */
export interface GateSummary {
  grantsTotal: number;
  requestsTotal: number;
  leasesExpiredTotal: number;
}

const sameRef = (a: SlotRef, b: SlotRef): boolean => a.orderId === b.orderId && a.requestId === b.requestId;

/**
 * A counting semaphore for one concurrency key of one organization (workflow id from `gateWorkflowId`).
 *
 * 1. A `slotRequest` signal queues the order (first come, first served); a duplicate of a queued or held request
 *    is ignored. The request's `max` becomes the key's limit (the newest request wins).
 * 2. While fewer than `max` hold a slot, the head of the queue is granted: it becomes a holder with a lease of
 *    its `leaseMs`, and the order gets a `slotGranted` signal. A grant that cannot be delivered (the order is
 *    gone) is taken back.
 * 3. A `slotRelease` signal removes the order's request, queued or held (idempotent). A lease that runs out
 *    removes its holder: a holder that vanished never keeps a slot for longer than its lease.
 * 4. After `grantsPerRun` grants, or when Temporal suggests it, the gate continues as new with its holders
 *    (leases unchanged) and queue, once every signal handler and grant delivery has finished.
 * 5. With no holder and no waiter for `idleTimeoutMs`, it completes; the next request starts it again.
 */
export async function concurrencyGate(input: GateInput): Promise<GateSummary> {
  const state: GateState = {
    organizationId: input.organizationId,
    key: input.key,
    max: Math.max(1, input.max),
    holders: [...(input.carried?.holders ?? [])],
    queue: [...(input.carried?.queue ?? [])],
    requestsTotal: input.carried?.requestsTotal ?? 0,
    grantsTotal: input.carried?.grantsTotal ?? 0,
    leasesExpiredTotal: input.carried?.leasesExpiredTotal ?? 0,
  };
  const grantsPerRun = input.grantsPerRun ?? DEFAULT_GRANTS_PER_RUN;
  const idleTimeoutMs = input.idleTimeoutMs ?? DEFAULT_GATE_IDLE_TIMEOUT_MS;
  const gateId = workflowInfo().workflowId;
  const deliveries = new Set<Promise<void>>();
  let grantsThisRun = 0;

  setHandler(gateStateQuery, () => state);
  setHandler(slotRequestSignal, (request: SlotRequest) => {
    if (state.holders.some((h) => sameRef(h, request)) || state.queue.some((w) => sameRef(w, request))) return;
    state.requestsTotal += 1;
    state.max = Math.max(1, request.max);
    state.queue.push({
      orderId: request.orderId,
      requestId: request.requestId,
      attempt: request.attempt,
      leaseMs: request.leaseMs,
      requestSeq: state.requestsTotal,
      requestedAtMs: Date.now(),
    });
  });
  setHandler(slotReleaseSignal, (ref: SlotRef) => {
    state.holders = state.holders.filter((h) => !sameRef(h, ref));
    state.queue = state.queue.filter((w) => !sameRef(w, ref));
  });

  const idle = (): boolean => state.holders.length === 0 && state.queue.length === 0;
  const grantable = (): boolean => state.queue.length > 0 && state.holders.length < state.max;

  const expireLeases = (nowMs: number): void => {
    const expired = state.holders.filter((h) => h.leaseExpiresAtMs <= nowMs);
    if (expired.length === 0) return;
    state.holders = state.holders.filter((h) => h.leaseExpiresAtMs > nowMs);
    state.leasesExpiredTotal += expired.length;
    for (const holder of expired) {
      log.warn('slot lease expired; reclaimed', { key: state.key, orderId: holder.orderId, attempt: holder.attempt });
    }
  };

  const deliver = (holder: GateHolder): void => {
    const delivery = getExternalWorkflowHandle(holder.orderId)
      .signal(slotGrantedSignal, {
        gateWorkflowId: gateId,
        key: state.key,
        orderId: holder.orderId,
        requestId: holder.requestId,
        attempt: holder.attempt,
        leaseExpiresAtMs: holder.leaseExpiresAtMs,
        requestSeq: holder.requestSeq,
        grantSeq: holder.grantSeq,
      })
      .catch((err: unknown) => {
        log.warn('slot grant undeliverable; taken back', {
          key: state.key,
          orderId: holder.orderId,
          error: String(err),
        });
        state.holders = state.holders.filter((h) => !sameRef(h, holder));
      })
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
  };

  const grantFromQueue = (nowMs: number): void => {
    while (grantable()) {
      const next = state.queue.shift() as GateEntry;
      state.grantsTotal += 1;
      grantsThisRun += 1;
      const holder: GateHolder = {
        ...next,
        grantedAtMs: nowMs,
        leaseExpiresAtMs: nowMs + next.leaseMs,
        grantSeq: state.grantsTotal,
      };
      state.holders.push(holder);
      deliver(holder);
    }
  };

  const settle = async (): Promise<void> => {
    while (deliveries.size > 0) await Promise.all([...deliveries]);
    await condition(allHandlersFinished);
  };

  for (;;) {
    expireLeases(Date.now());
    grantFromQueue(Date.now());

    if (grantsThisRun >= grantsPerRun || workflowInfo().continueAsNewSuggested) {
      await settle();
      expireLeases(Date.now());
      const { holders, queue, requestsTotal, grantsTotal, leasesExpiredTotal } = state;
      return continueAsNew<typeof concurrencyGate>({
        ...input,
        max: state.max,
        carried: { holders, queue, requestsTotal, grantsTotal, leasesExpiredTotal },
      });
    }

    if (idle()) {
      const woken = await condition(() => state.queue.length > 0, idleTimeoutMs);
      if (woken) continue;
      await settle();
      // Signals handled in this very activation (or while settling) must not be dropped: check again.
      if (!idle()) continue;
      return {
        grantsTotal: state.grantsTotal,
        requestsTotal: state.requestsTotal,
        leasesExpiredTotal: state.leasesExpiredTotal,
      };
    }

    const nextExpiryMs = Math.min(...state.holders.map((h) => h.leaseExpiresAtMs));
    const untilExpiryMs = Number.isFinite(nextExpiryMs) ? Math.max(1, nextExpiryMs - Date.now()) : undefined;
    if (untilExpiryMs === undefined) await condition(grantable);
    else await condition(grantable, untilExpiryMs);
  }
}
