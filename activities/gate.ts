import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { concurrencyGate, GateInput } from '../workflows/concurrency-gate';
import { gateWorkflowId, type SlotRequest, slotRequestSignal } from '../workflows/messages';

/**
 * Server-side limits for orders whose `concurrency` omits `max`: a per-organization table of keys, then the
 * organization's default, then `defaultMax` (`CONCURRENCY_DEFAULT_MAX`).
 */
export interface ConcurrencyLimits {
  defaultMax: number;
  organizations?: Record<string, { defaultMax?: number; keys?: Record<string, number> }>;
}

export interface GateActivityDeps {
  /** A Temporal client on the worker's namespace: the gate is started by signal-with-start. */
  client: Client;
  /** Default: `{ defaultMax: 1 }`. */
  limits?: ConcurrencyLimits;
  /** Gate tuning (tests force continue-as-new and idle completion with small values). */
  gate?: Pick<GateInput, 'grantsPerRun' | 'idleTimeoutMs'>;
}

/** What an order asks of the `requestSlot` activity. */
export interface RequestSlotInput {
  organizationId: string;
  key: string;
  /** The order's limit; null = the configured one. */
  max: number | null;
  orderId: string;
  requestId: string;
  attempt: number;
  leaseMs: number;
}

/** The key's limit: the order's own `max` when given, else the configured one (always at least 1). */
export function resolveSlotMax(
  limits: ConcurrencyLimits,
  organizationId: string,
  key: string,
  requested: number | null,
): number {
  const organization = limits.organizations?.[organizationId];
  const max = requested ?? organization?.keys?.[key] ?? organization?.defaultMax ?? limits.defaultMax;
  return Math.max(1, Math.floor(max));
}

/** The gate activities, bound to a Temporal client. Merge them into the worker's activities. */
export function createGateActivities(deps: GateActivityDeps) {
  const limits = deps.limits ?? { defaultMax: 1 };

  return {
    /**
     * Queues the order at the key's gate, starting the gate when it does not run (signal-with-start, on this
     * activity's task queue). Idempotent: a retry re-sends a request the gate already has, which it ignores.
     */
    async requestSlot(input: RequestSlotInput): Promise<{ gateWorkflowId: string }> {
      const workflowId = gateWorkflowId(input.organizationId, input.key);
      const max = resolveSlotMax(limits, input.organizationId, input.key, input.max);
      const gateInput: GateInput = { organizationId: input.organizationId, key: input.key, max, ...deps.gate };
      await deps.client.workflow.signalWithStart<typeof concurrencyGate, [SlotRequest]>('concurrencyGate', {
        workflowId,
        taskQueue: Context.current().info.taskQueue,
        args: [gateInput],
        signal: slotRequestSignal,
        signalArgs: [
          {
            orderId: input.orderId,
            requestId: input.requestId,
            attempt: input.attempt,
            max,
            leaseMs: input.leaseMs,
          },
        ],
      });
      return { gateWorkflowId: workflowId };
    },
  };
}

export type GateActivities = ReturnType<typeof createGateActivities>;
