import type { AnsweredBy, EndedBy } from '../../../domain/contract/enums';
import type { TranscriptEntry } from '../../../domain/contract/call';
import type { ConversationRequest } from '../types';
import type { AttemptPlan } from './scenario';
import type { Rng } from './prng';
import { plausibleAnswer, questionFor, speakAnswer } from './callee';

type AnsweredPlan = Extract<AttemptPlan, { kind: 'answered' }>;

/** One transcript entry at its offset from the answer, in simulated (unscaled) seconds. */
export interface TimedTurn {
  atSecs: number;
  entry: TranscriptEntry;
  /** Set on the turn from which someone else is on the line (IVR → human, screening → human or voicemail). */
  reached?: AnsweredBy;
  /** Set on the turn that leaves the voicemail message. */
  voicemailLeft?: true;
}

/** A whole simulated conversation, decided in advance; the simulator then plays it in (scaled) time. */
export interface ConversationScript {
  turns: TimedTurn[];
  endAtSecs: number;
  endedBy: EndedBy;
  endReason: string | null;
}

const smallTalk: readonly [string, string][] = [
  ['How has your week been so far?', 'Busy, but good. Lots going on at work.'],
  ['Is this still a good moment to talk?', "Yes, it's fine, I have a few minutes."],
  ['Have you used our service before?', 'Once or twice, a while ago, I think.'],
  ['Is there anything you would like to know about us first?', 'Not really, go on.'],
  ['Did you get the email we sent last week?', "Maybe, I haven't checked everything yet."],
  ['Can you hear me well?', 'Yes, the line is clear.'],
  ['Sorry, is the connection a little noisy on your side?', 'A bit, but I can hear you fine.'],
  ['I hope I am not catching you in the middle of something.', "No, no, it's alright."],
  ['Thanks for picking up, by the way.', 'Sure, no problem.'],
  ['Let me just pull up my notes, one second.', 'Take your time.'],
  ['This will only take a couple more minutes.', 'Okay, good.'],
  ['Do you have a pen handy, in case you want to note anything?', "I'll remember, don't worry."],
];

/** A copy of `items` in a seeded random order (Fisher-Yates). */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const item = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = item;
  }
  return copy;
}

/** Builds a timeline turn by turn; speaking time follows the number of words (~2.6 words per second). */
class TimelineBuilder {
  readonly turns: TimedTurn[] = [];
  atSecs = 0;

  constructor(private readonly rng: Rng) {}

  pause(secs: number): this {
    this.atSecs += secs;
    return this;
  }

  say(role: 'user' | 'assistant', content: string, marks: Pick<TimedTurn, 'reached'> = {}): this {
    this.atSecs += this.rng.between(0.5, 1.4);
    this.turns.push({ atSecs: round(this.atSecs), entry: { role, content }, ...marks });
    this.atSecs += Math.max(1, content.split(/\s+/).length / 2.6);
    return this;
  }

  tool(
    toolName: string,
    args: Record<string, unknown>,
    content: string,
    marks: Pick<TimedTurn, 'voicemailLeft'> = {},
  ): this {
    this.atSecs += 0.2;
    this.turns.push({
      atSecs: round(this.atSecs),
      entry: { role: 'tool', content, tool_name: toolName, tool_arguments: args, tool_is_error: false },
      ...marks,
    });
    return this;
  }

  end(endedBy: EndedBy, endReason: string | null): ConversationScript {
    return { turns: this.turns, endAtSecs: round(this.atSecs + 0.5), endedBy, endReason };
  }
}

function round(secs: number): number {
  return Math.round(secs * 1000) / 1000;
}

function endCall(b: TimelineBuilder, request: ConversationRequest): ConversationScript {
  b.say(
    'assistant',
    request.script.endOfCallSentence ?? 'Thank you very much for your time. Have a great day, goodbye!',
  );
  b.tool('end_call', {}, 'Call ended by the agent.');
  return b.end('agent', 'tool_end_call');
}

/** The agent's opening line under `first_sentence_mode` (static: verbatim; generated: derived from the instruction). */
export function openingSentence(request: ConversationRequest): string {
  const { firstSentence, firstSentenceMode } = request.script;
  const fallback = 'Hello, this is the assistant calling on behalf of our team. Do you have a minute?';
  if (firstSentence === null || firstSentence.trim() === '') return fallback;
  if (firstSentenceMode === 'static') return firstSentence;
  const instruction = firstSentence.trim().replace(/[.!?]+$/, '');
  const lowered = `${instruction.charAt(0).toLowerCase()}${instruction.slice(1)}`;
  return `Hello, this is the assistant calling, as asked: ${lowered}. Do you have a minute?`;
}

/** Questions, answers, small talk, transfer and the ending, once a person is on the line. */
function talkWithPerson(
  b: TimelineBuilder,
  request: ConversationRequest,
  plan: AnsweredPlan,
  rng: Rng,
): ConversationScript {
  if (plan.asksForHuman) {
    b.say('user', 'Actually, could I speak to a real person, please?');
    if (request.transferPhoneNumber !== null) {
      b.say('assistant', 'Of course, I am transferring you to a colleague right now.');
      b.tool(
        'transfer_call',
        { phone_number: request.transferPhoneNumber },
        `Call transferred to ${request.transferPhoneNumber}.`,
      );
      return b.end('agent', 'transfer');
    }
    b.say('assistant', "I'm sorry, nobody else is available right now, but I can help you myself.");
    b.say('user', 'Okay, fine, go ahead.');
  }

  const fields = request.structuredOutputConfig;
  const fillerCount = Math.round(plan.talkSecs / 9);
  const fillersPerGap = fields.length === 0 ? fillerCount : Math.ceil(fillerCount / fields.length);
  let fillersLeft = fillerCount;
  let answersGiven = 0;
  // Small talk is dealt from a shuffled deck; the lines said last go to the bottom of the next deck, so a line
  // comes back only after at least half of the others were said.
  let deck: [string, string][] = [];
  const recent: [string, string][] = [];
  const chat = (): void => {
    for (let i = 0; i < fillersPerGap && fillersLeft > 0; i++, fillersLeft--) {
      if (deck.length === 0) {
        const fresh = shuffled(smallTalk, rng).filter((line) => !recent.includes(line));
        deck = [...recent, ...fresh];
      }
      const line = deck.pop() ?? rng.pick(smallTalk);
      recent.push(line);
      if (recent.length > smallTalk.length / 2) recent.shift();
      b.say('assistant', line[0]).say('user', line[1]);
    }
  };

  chat();
  for (const field of fields) {
    if (plan.hangsUpAfterAnswers !== null && answersGiven >= plan.hangsUpAfterAnswers) {
      b.say('user', 'Sorry, I really have to go now. Bye.');
      return b.end('user', null);
    }
    const scripted = Object.prototype.hasOwnProperty.call(plan.answers, field.name);
    const value = scripted ? (plan.answers[field.name] ?? null) : plausibleAnswer(field, rng);
    b.say('assistant', questionFor(field)).say('user', speakAnswer(field, value, rng));
    answersGiven++;
    chat();
  }
  if (plan.hangsUpAfterAnswers !== null && answersGiven >= plan.hangsUpAfterAnswers && fields.length === 0) {
    b.say('user', 'Sorry, not interested. Bye.');
    return b.end('user', null);
  }

  b.say('assistant', 'Great, that is everything I needed.').say(
    'user',
    rng.pick(['Alright.', 'Okay, good.', 'Perfect.']),
  );
  return endCall(b, request);
}

/** Opening of a call with a person: who speaks first follows `first_sentence_mode`. */
function greetPerson(
  b: TimelineBuilder,
  request: ConversationRequest,
  calleeFirst: string | null,
  marks: Pick<TimedTurn, 'reached'> = {},
): void {
  if (calleeFirst !== null || request.script.firstSentenceMode === 'none') {
    b.say('user', calleeFirst ?? 'Hello?', marks);
  } else {
    b.pause(request.script.firstSentenceDelayMs / 1000);
  }
  const opening =
    request.script.firstSentenceMode === 'none'
      ? 'Hello! Thanks for picking up, I am the assistant calling on behalf of our team.'
      : openingSentence(request);
  b.say('assistant', opening);
  b.say('user', 'Yes, sure, go ahead.');
}

function leaveVoicemail(
  b: TimelineBuilder,
  request: ConversationRequest,
  marks: Pick<TimedTurn, 'reached'> = {},
): ConversationScript {
  b.say(
    'user',
    "Hi, you've reached my voicemail. I can't take your call right now, please leave a message after the tone.",
    marks,
  );
  if (request.voicemailMessage === null) return b.end('agent', 'voicemail');
  b.pause(1);
  b.say('assistant', request.voicemailMessage);
  b.tool('leave_voicemail', { message: request.voicemailMessage }, 'Voicemail message left.', { voicemailLeft: true });
  return b.end('agent', 'voicemail');
}

/**
 * Scripts the conversation of an answered attempt: a pure function of the request, the plan and the seeded `rng`.
 * `request.answeredBy` (what the carrier detected) decides the flow; the plan adds the callee's behaviour.
 */
export function scriptConversation(request: ConversationRequest, plan: AnsweredPlan, rng: Rng): ConversationScript {
  const b = new TimelineBuilder(rng);
  switch (request.answeredBy) {
    case 'voicemail':
      return leaveVoicemail(b, request);
    case 'IVR': {
      b.say(
        'user',
        'Thank you for calling. For billing, press 1. For sales, press 2. To speak with an operator, press 0.',
      );
      if (!request.ivrNavigationEnabled) return b.end('agent', 'ivr_no_navigate');
      b.tool('send_dtmf', { digits: '0' }, 'Sent DTMF tones: 0');
      if (!plan.ivrReachesHuman) {
        b.say('user', 'All of our operators are busy. Please call again later. Goodbye.');
        return b.end('user', null);
      }
      b.say('user', 'Please hold while we connect your call.').pause(rng.between(5, 15));
      greetPerson(b, request, 'Front desk, Sam speaking, how can I help?', { reached: 'human' });
      return talkWithPerson(b, request, plan, rng);
    }
    case 'ios-screening-filter':
      b.say('user', "Hi, if you record your name and the reason for your call, I'll see if this person is available.");
      b.say('assistant', 'Hello, this is the assistant calling on behalf of our team, about your recent request.');
      b.pause(rng.between(2, 6));
      if (plan.screeningContinuesAs === 'voicemail') return leaveVoicemail(b, request, { reached: 'voicemail' });
      b.say('user', "Hi, yes, it's me. What is this about?", { reached: 'human' });
      b.say('assistant', openingSentence(request));
      b.say('user', 'Okay, go ahead.');
      return talkWithPerson(b, request, plan, rng);
    case 'unknown':
      greetPerson(b, request, '... hm? Hello?');
      return talkWithPerson(b, request, plan, rng);
    case 'human':
      greetPerson(b, request, null);
      return talkWithPerson(b, request, plan, rng);
  }
}

/** Who was on the line and whether the message was left after the given turns (`answeredBy` at the start). */
export function reachedAfter(
  answeredBy: AnsweredBy,
  turns: readonly TimedTurn[],
): { reached: AnsweredBy; voicemailLeft: boolean } {
  let reached = answeredBy;
  let voicemailLeft = false;
  for (const turn of turns) {
    if (turn.reached) reached = turn.reached;
    if (turn.voicemailLeft) voicemailLeft = true;
  }
  return { reached, voicemailLeft };
}

/** Cuts a script at `maxCallDurationSecs`: turns starting later are dropped and the system ends the call. */
export function enforceMaxDuration(script: ConversationScript, maxCallDurationSecs: number): ConversationScript {
  if (script.endAtSecs <= maxCallDurationSecs) return script;
  return {
    turns: script.turns.filter((turn) => turn.atSecs < maxCallDurationSecs),
    endAtSecs: maxCallDurationSecs,
    endedBy: 'system',
    endReason: 'max_duration',
  };
}
