import { z } from 'zod';
import { answeredBySchema, dialErrorSchema } from '../../../domain/contract/enums';
import type { AnsweredBy, DialError } from '../../../domain/contract/enums';
import { typicalSipCode } from '../sip-codes';
import { seededRng } from './prng';
import type { Rng } from './prng';

/** Everything a simulated attempt can end with: who answered, or why the dial failed. */
export const simOutcomeSchema = z.union([answeredBySchema, dialErrorSchema]);
export type SimOutcome = z.infer<typeof simOutcomeSchema>;

/** A value the simulated callee gives for a structured-output field; null means the callee declines to answer. */
export const calleeAnswerSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CalleeAnswer = z.infer<typeof calleeAnswerSchema>;

const attemptScenarioObjectSchema = z
  .object({
    outcome: simOutcomeSchema,
    /** SIP code reported for a dial error; a typical one for the error when absent. */
    sipCode: z.number().int().min(400).max(699).optional(),
    /** Seconds of ringing before the answer or the failure. */
    ringSecs: z.number().min(0).max(120).optional(),
    /** IVR: whether navigating the menu reaches a person. */
    ivrReachesHuman: z.boolean().optional(),
    /** iOS call screening: what the call turns into once the agent has answered the screening prompt. */
    screeningContinuesAs: z.enum(['human', 'voicemail']).optional(),
    /** Seconds of small talk the callee adds on top of the questions (a long conversation). */
    talkSecs: z.number().min(0).max(36_000).optional(),
    /** The callee asks to speak to a human (transferred when the order has a transfer number). */
    asksForHuman: z.boolean().optional(),
    /** The callee hangs up after giving this many answers. */
    hangsUpAfterAnswers: z.number().int().min(0).optional(),
    /** Per field name: the value the callee gives; null = the callee declines. Unlisted fields get plausible values. */
    answers: z.record(z.string(), calleeAnswerSchema).optional(),
  })
  .strict();

/** One attempt of a scripted number: an outcome name alone, or an object with details. */
export const attemptScenarioSchema = z.union([
  simOutcomeSchema.transform((outcome) => ({ outcome })),
  attemptScenarioObjectSchema,
]);
export type AttemptScenario = z.infer<typeof attemptScenarioSchema>;
type AttemptDetails = z.infer<typeof attemptScenarioObjectSchema>;

export const numberScenarioSchema = z
  .object({
    description: z.string().optional(),
    /** Attempt #1, #2, …; attempts past the end repeat the last entry. */
    attempts: z.array(attemptScenarioSchema).min(1),
  })
  .strict();

/** The scenario file: scripted behaviour per E.164 number. Other numbers follow the default mix. */
export const scenarioFileSchema = z
  .object({
    numbers: z.record(z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number'), numberScenarioSchema),
  })
  .strict();
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/**
 * The default odds of an attempt to a number the scenario file does not script, in percent (sum 100).
 * Chosen to resemble a B2C outbound campaign in business hours.
 */
export const defaultOutcomeOdds: Readonly<Record<SimOutcome, number>> = {
  human: 35,
  voicemail: 25,
  no_answer: 15,
  busy: 10,
  IVR: 5,
  unknown: 2,
  'ios-screening-filter': 2,
  temporarily_unavailable: 2,
  too_many_calls: 1,
  non_classified_error: 1,
  number_non_attributed: 1,
  no_international_permission: 0.5,
  precondition_failed: 0.5,
};

/** Everything decided in advance about one attempt; a pure function of the scenario, number, call id and attempt. */
export type AttemptPlan =
  | { kind: 'failed'; dialError: DialError; sipCode: number; ringSecs: number; scripted: boolean }
  | {
      kind: 'answered';
      answeredBy: AnsweredBy;
      ringSecs: number;
      ivrReachesHuman: boolean;
      screeningContinuesAs: 'human' | 'voicemail';
      talkSecs: number;
      asksForHuman: boolean;
      hangsUpAfterAnswers: number | null;
      answers: Record<string, CalleeAnswer>;
      scripted: boolean;
    };

const answeredOutcomes: readonly string[] = answeredBySchema.options;

function isAnsweredBy(outcome: SimOutcome): outcome is AnsweredBy {
  return answeredOutcomes.includes(outcome);
}

function drawDefaultOutcome(rng: Rng): SimOutcome {
  let roll = rng.next() * 100;
  const entries = Object.entries(defaultOutcomeOdds) as [SimOutcome, number][];
  for (const [outcome, odds] of entries) {
    roll -= odds;
    if (roll < 0) return outcome;
  }
  return 'human';
}

/** Ringing seconds before a dial error shows: instant rejections, a busy tone, or a ring-out timeout. */
function failureRingSecs(dialError: DialError, rng: Rng): number {
  switch (dialError) {
    case 'no_answer':
      return rng.between(30, 45);
    case 'busy':
      return rng.between(1, 4);
    case 'temporarily_unavailable':
      return rng.between(2, 8);
    default:
      return rng.between(0.3, 2);
  }
}

/**
 * Decides what attempt `attempt` (1-based) of order `callId` to `to` does.
 * Deterministic: the same inputs give the same plan in any process, which lets `converse` rebuild
 * what `dial` decided without shared memory.
 */
export function planAttempt(
  scenarios: ScenarioFile | undefined,
  to: string,
  callId: string,
  attempt: number,
): AttemptPlan {
  const rng = seededRng(`${callId}#${attempt}#plan`);
  const scripted = scenarios?.numbers[to];
  const step = scripted ? (scripted.attempts[Math.min(attempt, scripted.attempts.length) - 1] ?? null) : null;
  const outcome = step?.outcome ?? drawDefaultOutcome(rng);
  const details: AttemptDetails = step ?? { outcome };
  const ringSecsBase = rng.between(3, 25);

  if (!isAnsweredBy(outcome)) {
    const sipCode = details.sipCode ?? typicalSipCode[outcome];
    const ringSecs = details.ringSecs ?? failureRingSecs(outcome, rng);
    return { kind: 'failed', dialError: outcome, sipCode, ringSecs, scripted: step !== null };
  }

  const full = details;
  const hangsUpEarly = rng.chance(0.07);
  return {
    kind: 'answered',
    answeredBy: outcome,
    ringSecs: full.ringSecs ?? ringSecsBase,
    ivrReachesHuman: full.ivrReachesHuman ?? rng.chance(0.5),
    screeningContinuesAs: full.screeningContinuesAs ?? (rng.chance(0.6) ? 'human' : 'voicemail'),
    talkSecs: full.talkSecs ?? rng.between(20, 150),
    asksForHuman: full.asksForHuman ?? (step === null && rng.chance(0.08)),
    hangsUpAfterAnswers: full.hangsUpAfterAnswers ?? (step === null && hangsUpEarly ? rng.int(0, 2) : null),
    answers: full.answers ?? {},
    scripted: step !== null,
  };
}
