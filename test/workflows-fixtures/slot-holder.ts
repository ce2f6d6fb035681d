import {
  ApplicationFailure,
  defineQuery,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { createSlotClient, type SlotGrant } from '../../workflows/concurrency-slot';
import type { TalkActivities } from './talk-activities';

/** What a `slotHolder` does with each slot it gets. */
export interface SlotHolderInput {
  organizationId: string;
  key: string;
  max?: number | null;
  leaseMs: number;
  /** `call`: dial the simulator; `fail`: an activity that throws; `hang`: an activity that times out; `none`. */
  mode: 'call' | 'fail' | 'hang' | 'none';
  /** Workflow ms to keep the slot before the activity (a cancellable timer). */
  holdMs?: number;
  /** How many acquire → work → release rounds (attempts 1..repeat). */
  repeat?: number;
}

export interface SlotHolderRound {
  attempt: number;
  requestedAtMs: number;
  grantedAtMs: number;
  releasedAtMs: number;
  grant: SlotGrant;
}

export interface SlotHolderStatus {
  phase: 'waiting' | 'holding' | 'done';
  rounds: SlotHolderRound[];
}

export const slotHolderStatusQuery = defineQuery<SlotHolderStatus>('slotHolderStatus');

const { talk } = proxyActivities<TalkActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 1 } });
const { talk: talkBriefly } = proxyActivities<TalkActivities>({
  startToCloseTimeout: '1 second',
  retry: { maximumAttempts: 1 },
});

/** A stand-in for `callOrder` in the concurrency tests: acquire a slot, do the work, release in `finally`. */
export async function slotHolder(input: SlotHolderInput): Promise<SlotHolderRound[]> {
  const orderId = workflowInfo().workflowId;
  const slots = createSlotClient(orderId, input.organizationId);
  const status: SlotHolderStatus = { phase: 'waiting', rounds: [] };
  setHandler(slotHolderStatusQuery, () => status);

  for (let attempt = 1; attempt <= (input.repeat ?? 1); attempt += 1) {
    status.phase = 'waiting';
    const requestedAtMs = Date.now();
    const grant = await slots.acquire({ key: input.key, max: input.max ?? null, attempt, leaseMs: input.leaseMs });
    if (grant === null) throw ApplicationFailure.nonRetryable('a wait without giveUp ended without a grant');
    const grantedAtMs = Date.now();
    status.phase = 'holding';
    try {
      if (input.holdMs) await sleep(input.holdMs);
      if (input.mode === 'hang') await talkBriefly({ callId: orderId, attempt, mode: 'hang' });
      else if (input.mode !== 'none') await talk({ callId: orderId, attempt, mode: input.mode });
    } finally {
      status.rounds.push({ attempt, requestedAtMs, grantedAtMs, releasedAtMs: Date.now(), grant });
      await slots.release(grant);
    }
  }
  status.phase = 'done';
  if (slots.held().length > 0) throw ApplicationFailure.nonRetryable('slots still held at the end');
  return status.rounds;
}
