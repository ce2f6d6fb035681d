import {
  type ActivityOptions,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { GateActivities } from '../activities/gate';
import { gateWorkflowId, type SlotGrant, slotGrantedSignal, type SlotRef, slotReleaseSignal } from './messages';

export type { SlotGrant } from './messages';

/**
 * Seconds a slot's lease adds to `max_call_duration_secs`: up to 60 s of dialing (ringing gives up after 45 s) and
 * 120 s for hang-up and short activity retries (extraction runs after the release). A holder that vanished frees its
 * slot after this.
 */
export const SLOT_LEASE_GRACE_SECS = 180;

/** The lease of one attempt's slot, in ms: the longest call plus {@link SLOT_LEASE_GRACE_SECS}. */
export function slotLeaseMs(maxCallDurationSecs: number, graceSecs = SLOT_LEASE_GRACE_SECS): number {
  return (maxCallDurationSecs + graceSecs) * 1000;
}

export interface SlotAcquireRequest {
  key: string;
  /** The order's limit for the key; omitted or null = the server-side configured limit. */
  max?: number | null;
  /** The order's attempt number the slot is for (waiting spends no attempt). */
  attempt: number;
  /** See {@link slotLeaseMs}. */
  leaseMs: number;
  /** Stop waiting when this turns true (a pause): the request is withdrawn and `acquire` resolves null. */
  giveUp?: () => boolean;
}

export interface SlotClient {
  /**
   * Queues the order at the key's gate and resolves with the grant, first come first served; null when
   * `giveUp` turned true first (the request withdrawn). Cancellable while waiting: a cancelled wait withdraws the
   * request (and gives back a grant that raced it), then rethrows.
   */
  acquire(request: SlotAcquireRequest): Promise<SlotGrant | null>;
  /** Gives a slot back (non-cancellable, idempotent; safe in `finally` of a cancelled scope). */
  release(grant: SlotGrant): Promise<void>;
  /** The slots this order holds now. */
  held(): SlotGrant[];
  /** Gives back every slot this order holds. */
  releaseAll(): Promise<void>;
}

export interface SlotClientOptions {
  /** Options of the `requestSlot` activity; default: 30 s start-to-close, 5 attempts. */
  activityOptions?: ActivityOptions;
}

const refKey = (gateId: string, ref: SlotRef): string => `${gateId}|${ref.requestId}`;

/**
 * The order's side of the concurrency gates. Call it synchronously at the start of the workflow, before its first
 * `await`: it installs the `slotGranted` signal handler. A grant nobody waits for (a wait that was cancelled, a
 * late duplicate) is given back at once.
 */
export function createSlotClient(orderId: string, organizationId: string, options: SlotClientOptions = {}): SlotClient {
  const { requestSlot } = proxyActivities<GateActivities>(
    options.activityOptions ?? { startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 5 } },
  );
  const waiting = new Map<string, { grant?: SlotGrant }>();
  const holding = new Map<string, SlotGrant>();
  let acquisitions = 0;

  const signalRelease = async (gateId: string, ref: SlotRef): Promise<void> => {
    await CancellationScope.nonCancellable(async () => {
      try {
        await getExternalWorkflowHandle(gateId).signal(slotReleaseSignal, {
          orderId: ref.orderId,
          requestId: ref.requestId,
        });
      } catch (err) {
        // The gate is gone (it ended idle, or its lease already reclaimed the slot): nothing to give back.
        log.info('slot release not delivered', { gateId, requestId: ref.requestId, error: String(err) });
      }
    });
  };

  const release = async (grant: SlotGrant): Promise<void> => {
    if (!holding.delete(refKey(grant.gateWorkflowId, grant))) return;
    await signalRelease(grant.gateWorkflowId, grant);
  };

  setHandler(slotGrantedSignal, async (grant: SlotGrant) => {
    const key = refKey(grant.gateWorkflowId, grant);
    const waiter = waiting.get(key);
    if (waiter && !waiter.grant) {
      waiter.grant = grant;
      return;
    }
    if (holding.has(key)) return;
    await signalRelease(grant.gateWorkflowId, grant);
  });

  const acquire = async (request: SlotAcquireRequest): Promise<SlotGrant | null> => {
    acquisitions += 1;
    const gateId = gateWorkflowId(organizationId, request.key);
    const ref: SlotRef = { orderId, requestId: `${request.attempt}.${acquisitions}` };
    const key = refKey(gateId, ref);
    const waiter: { grant?: SlotGrant } = {};
    waiting.set(key, waiter);
    try {
      await CancellationScope.nonCancellable(() =>
        requestSlot({
          organizationId,
          key: request.key,
          max: request.max ?? null,
          orderId,
          requestId: ref.requestId,
          attempt: request.attempt,
          leaseMs: request.leaseMs,
        }),
      );
      // Patched: orders paused while waiting for a slot used to wait for the grant first.
      const giveUp = request.giveUp !== undefined && patched('slot-wait-gives-up') ? request.giveUp : () => false;
      await condition(() => waiter.grant !== undefined || giveUp());
      const { grant } = waiter;
      if (grant === undefined) {
        await signalRelease(gateId, ref);
        return null;
      }
      holding.set(key, grant);
      return grant;
    } catch (err) {
      await signalRelease(gateId, ref);
      throw err;
    } finally {
      waiting.delete(key);
    }
  };

  return {
    acquire,
    release,
    held: () => [...holding.values()],
    releaseAll: async () => {
      await Promise.all([...holding.values()].map(release));
    },
  };
}
