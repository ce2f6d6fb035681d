import { setTimeout as delay } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/common';
import type { Simulator } from '../../activities/providers/sim/simulator';
import type { Providers } from '../../activities/providers/types';
import type { NormalizedOrder } from '../../domain/order';

export interface TalkInput {
  callId: string;
  attempt: number;
  mode: 'call' | 'fail' | 'hang';
}

/** What the simulated provider saw: calls in progress at once, measured here and by the simulator itself. */
export interface CallMeter {
  maxInProgress: number;
  maxSimulatorLive: number;
  calls: { callId: string; attempt: number; startMs: number; endMs: number }[];
}

/**
 * The test activity: dials the simulator and converses when answered, metering overlap (a call counts from
 * before its dial until its conversation ended, i.e. inside the slot it holds).
 */
export function createTalkActivities(providers: Providers & { simulator: Simulator }, order: NormalizedOrder) {
  const meter: CallMeter = { maxInProgress: 0, maxSimulatorLive: 0, calls: [] };
  let inProgress = 0;
  const sampleSimulator = (): void => {
    meter.maxSimulatorLive = Math.max(meter.maxSimulatorLive, providers.simulator.liveCalls().length);
  };

  const activities = {
    async talk(input: TalkInput): Promise<void> {
      if (input.mode === 'fail') throw ApplicationFailure.nonRetryable('the test activity failed', 'TestFailure');
      if (input.mode === 'hang') {
        await delay(2_000);
        return;
      }
      inProgress += 1;
      meter.maxInProgress = Math.max(meter.maxInProgress, inProgress);
      const startMs = Date.now();
      const sampler = setInterval(sampleSimulator, 2);
      try {
        const ref = { callId: input.callId, attempt: input.attempt };
        const signal = new AbortController().signal;
        const dialed = await providers.telephony.dial(
          { ...ref, to: order.phoneNumber, from: order.fromPhoneNumber, detectAnsweringMachine: true },
          signal,
        );
        sampleSimulator();
        if (dialed.status === 'answered') {
          await providers.voiceAgent.converse(
            {
              ...ref,
              providerCallId: dialed.providerCallId,
              to: order.phoneNumber,
              answeredBy: dialed.answeredBy,
              script: order.script,
              voicemailMessage: order.script.voicemailMessage,
              ivrNavigationEnabled: order.ivrNavigationEnabled,
              transferPhoneNumber: order.transferPhoneNumber,
              maxCallDurationSecs: order.maxCallDurationSecs,
              structuredOutputConfig: order.structuredOutputConfig,
            },
            signal,
          );
        }
      } finally {
        clearInterval(sampler);
        inProgress -= 1;
        meter.calls.push({ callId: input.callId, attempt: input.attempt, startMs, endMs: Date.now() });
      }
    },
  };
  return { activities, meter };
}

export type TalkActivities = ReturnType<typeof createTalkActivities>['activities'];
