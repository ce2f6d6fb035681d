import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type {
  ConversationRequest,
  ConversationResult,
  DialProgress,
  DialRequest,
  DialResult,
  TelephonyProvider,
  VoiceAgentProvider,
} from '../types';
import type { TranscriptEntry } from '../../../domain/contract/call';
import { seededRng } from './prng';
import { planAttempt } from './scenario';
import type { ScenarioFile } from './scenario';
import { enforceMaxDuration, reachedAfter, scriptConversation } from './conversation';

export interface SimulatorOptions {
  /**
   * How many times faster than real time the simulated calls run: 1 = real time, 60 = a minute per second.
   * 0 (JSON-friendly) and Infinity both mean no waiting at all (benchmarks, tests).
   */
  speed: number;
  /** Scripted numbers; every other number follows `defaultOutcomeOdds`. */
  scenarios?: ScenarioFile;
  /** Epoch ms now; the timestamps the simulator reports are readings of this clock. Default `Date.now`. */
  clock?: () => number;
  /** Waits `ms` real milliseconds, rejecting when `signal` aborts. Default: node timers. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Base of recording URLs: `<base>/recordings/<callId>/<attempt>.wav`. Without one, no recording (null). */
  recordingBaseUrl?: string;
  logger?: Logger;
}

/** What the simulator did to a call from outside the conversation (for tests and demos). */
export type SimEvent =
  | { type: 'hang_up'; providerCallId: string; atMs: number }
  | { type: 'dtmf'; providerCallId: string; digits: string; atMs: number }
  | { type: 'transfer'; providerCallId: string; to: string; atMs: number };

export interface Simulator {
  telephony: TelephonyProvider;
  voiceAgent: VoiceAgentProvider;
  /** Provider call ids ringing or connected in this process. An observation aid only; calls need no memory. */
  liveCalls(): string[];
  /**
   * Hang-ups our side caused (`hangUp` or an abort) on a live call: all of them, or those of one call. Idempotent
   * per call.
   */
  hangUps(providerCallId?: string): number;
  events(): readonly SimEvent[];
}

/** Rejection of a dial or conversation whose AbortSignal fired; the simulator hung the call up first. */
export class CallAbortedError extends Error {
  override readonly name = 'AbortError';

  constructor(readonly providerCallId: string) {
    super(`call ${providerCallId} aborted: hung up`);
  }
}

/** A simulated carrier call id; it carries the order and attempt, so any process can pick the call up. */
export function simProviderCallId(callId: string, attempt: number): string {
  return `sim_${Buffer.from(JSON.stringify([callId, attempt])).toString('base64url')}`;
}

/** The order and attempt inside a simulated call id, or null when it is not one. */
export function parseSimProviderCallId(providerCallId: string): { callId: string; attempt: number } | null {
  if (!providerCallId.startsWith('sim_')) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(providerCallId.slice(4), 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && typeof decoded[0] === 'string' && typeof decoded[1] === 'number') {
      return { callId: decoded[0], attempt: decoded[1] };
    }
  } catch {
    return null;
  }
  return null;
}

/** Reads `signal.aborted` afresh (a plain property read would stay narrowed across an await). */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

const dialErrorsWithoutRinging = new Set([
  'number_non_attributed',
  'no_international_permission',
  'precondition_failed',
  'too_many_calls',
  'non_classified_error',
]);

/**
 * The built-in simulator: a carrier and a voice agent that need no network.
 * Every outcome is a pure function of (scenarios, phone number, call id, attempt); only the pacing uses real time.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }));
  const recordingBase = options.recordingBaseUrl?.replace(/\/+$/, '') ?? null;
  const instant = options.speed === 0 || options.speed === Infinity;
  if (!instant && !(options.speed > 0))
    throw new RangeError(`simulator speed must be > 0, 0 or Infinity, got ${options.speed}`);

  const live = new Set<string>();
  const hangUpCounts = new Map<string, number>();
  const events: SimEvent[] = [];

  const hangUp = (providerCallId: string): void => {
    if (!live.delete(providerCallId)) return;
    hangUpCounts.set(providerCallId, (hangUpCounts.get(providerCallId) ?? 0) + 1);
    events.push({ type: 'hang_up', providerCallId, atMs: clock() });
    options.logger?.info({ providerCallId }, 'sim: hung up');
  };

  /** Waits `simSecs` simulated seconds; on abort hangs the call up and rejects with `CallAbortedError`. */
  const wait = async (simSecs: number, providerCallId: string, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) {
      hangUp(providerCallId);
      throw new CallAbortedError(providerCallId);
    }
    if (instant || simSecs <= 0) return;
    try {
      await sleep((simSecs * 1000) / options.speed, signal);
    } catch (error) {
      if (!isAborted(signal)) throw error;
      hangUp(providerCallId);
      throw new CallAbortedError(providerCallId);
    }
  };

  const telephony: TelephonyProvider = {
    async dial(
      request: DialRequest,
      signal: AbortSignal,
      onProgress?: (progress: DialProgress) => void,
    ): Promise<DialResult> {
      const providerCallId = simProviderCallId(request.callId, request.attempt);
      const plan = planAttempt(options.scenarios, request.to, request.callId, request.attempt);
      const log = options.logger?.child({ callId: request.callId, attempt: request.attempt, providerCallId });
      live.add(providerCallId);

      await wait(0.4, providerCallId, signal);
      const ringingAtMs = clock();
      if (plan.kind === 'answered' || !dialErrorsWithoutRinging.has(plan.dialError))
        onProgress?.({ type: 'ringing', atMs: ringingAtMs });
      await wait(plan.ringSecs, providerCallId, signal);

      if (plan.kind === 'failed') {
        live.delete(providerCallId);
        log?.info({ dialError: plan.dialError, sipCode: plan.sipCode }, 'sim: dial failed');
        return { status: 'failed', dialError: plan.dialError, sipCode: plan.sipCode, endedAtMs: clock() };
      }
      log?.info({ answeredBy: plan.answeredBy }, 'sim: answered');
      return { status: 'answered', providerCallId, answeredBy: plan.answeredBy, ringingAtMs, answeredAtMs: clock() };
    },

    hangUp(providerCallId: string): Promise<void> {
      hangUp(providerCallId);
      return Promise.resolve();
    },

    sendDtmf(providerCallId: string, digits: string): Promise<void> {
      events.push({ type: 'dtmf', providerCallId, digits, atMs: clock() });
      return Promise.resolve();
    },

    transfer(providerCallId: string, to: string): Promise<void> {
      events.push({ type: 'transfer', providerCallId, to, atMs: clock() });
      live.delete(providerCallId);
      return Promise.resolve();
    },
  };

  const voiceAgent: VoiceAgentProvider = {
    async converse(
      request: ConversationRequest,
      signal: AbortSignal,
      onTurn?: (entry: TranscriptEntry) => void,
    ): Promise<ConversationResult> {
      const owner = parseSimProviderCallId(request.providerCallId);
      if (owner !== null && (owner.callId !== request.callId || owner.attempt !== request.attempt)) {
        throw new Error(
          `provider call ${request.providerCallId} belongs to ${owner.callId}#${owner.attempt}, ` +
            `not ${request.callId}#${request.attempt}`,
        );
      }
      const plan = planAttempt(options.scenarios, request.to, request.callId, request.attempt);
      if (plan.kind !== 'answered') throw new Error(`attempt ${request.callId}#${request.attempt} was never answered`);

      const rng = seededRng(`${request.callId}#${request.attempt}#conversation`);
      const script = enforceMaxDuration(scriptConversation(request, plan, rng), request.maxCallDurationSecs);
      const transcript: TranscriptEntry[] = [];
      live.add(request.providerCallId);

      let elapsedSecs = 0;
      for (const turn of script.turns) {
        await wait(turn.atSecs - elapsedSecs, request.providerCallId, signal);
        elapsedSecs = turn.atSecs;
        transcript.push(turn.entry);
        onTurn?.(turn.entry);
        if (turn.entry.tool_name === 'send_dtmf')
          events.push({ type: 'dtmf', providerCallId: request.providerCallId, digits: '0', atMs: clock() });
        if (turn.entry.tool_name === 'transfer_call' && request.transferPhoneNumber !== null) {
          events.push({
            type: 'transfer',
            providerCallId: request.providerCallId,
            to: request.transferPhoneNumber,
            atMs: clock(),
          });
        }
      }
      await wait(script.endAtSecs - elapsedSecs, request.providerCallId, signal);
      live.delete(request.providerCallId);

      const { reached, voicemailLeft } = reachedAfter(request.answeredBy, script.turns);
      return {
        reached,
        reachedHuman: reached === 'human' || reached === 'unknown',
        voicemailLeft,
        transcript,
        endedBy: script.endedBy,
        endReason: script.endReason,
        endedAtMs: clock(),
        recordingUrl:
          recordingBase === null
            ? null
            : `${recordingBase}/recordings/${encodeURIComponent(request.callId)}/${request.attempt}.wav`,
      };
    },
  };

  return {
    telephony,
    voiceAgent,
    liveCalls: () => [...live],
    hangUps: (providerCallId?: string) =>
      providerCallId === undefined
        ? [...hangUpCounts.values()].reduce((sum, n) => sum + n, 0)
        : (hangUpCounts.get(providerCallId) ?? 0),
    events: () => events,
  };
}
