import { createSimulator, CallAbortedError } from '../../../activities/providers/sim/simulator';
import { defaultOutcomeOdds, planAttempt, scenarioFileSchema } from '../../../activities/providers/sim/scenario';
import type { ScenarioFile } from '../../../activities/providers/sim/scenario';
import { dialErrorFromSipCode } from '../../../activities/providers/sip-codes';
import { dialErrorSchema } from '../../../domain/contract/enums';
import { allFieldTypes, conversationRequest, never, runAttempt } from './sim-helpers';

const dialErrors = dialErrorSchema.options;
const numbers = {
  human: '+14155550101',
  unknown: '+14155550102',
  voicemail: '+14155550103',
  ivrToHuman: '+14155550104',
  ivrDeadEnd: '+14155550105',
  screeningHuman: '+14155550106',
  screeningVoicemail: '+14155550107',
  asksForHuman: '+14155550108',
  talkative: '+14155550109',
  hangsUp: '+14155550110',
  sequence: '+14155550111',
};
const scenarios: ScenarioFile = scenarioFileSchema.parse({
  numbers: {
    [numbers.human]: { attempts: ['human'] },
    [numbers.unknown]: { attempts: ['unknown'] },
    [numbers.voicemail]: { attempts: ['voicemail'] },
    [numbers.ivrToHuman]: { attempts: [{ outcome: 'IVR', ivrReachesHuman: true }] },
    [numbers.ivrDeadEnd]: { attempts: [{ outcome: 'IVR', ivrReachesHuman: false }] },
    [numbers.screeningHuman]: { attempts: [{ outcome: 'ios-screening-filter', screeningContinuesAs: 'human' }] },
    [numbers.screeningVoicemail]: {
      attempts: [{ outcome: 'ios-screening-filter', screeningContinuesAs: 'voicemail' }],
    },
    [numbers.asksForHuman]: { attempts: [{ outcome: 'human', asksForHuman: true }] },
    [numbers.talkative]: { attempts: [{ outcome: 'human', talkSecs: 900 }] },
    [numbers.hangsUp]: { attempts: [{ outcome: 'human', hangsUpAfterAnswers: 1 }] },
    [numbers.sequence]: { attempts: ['busy', 'voicemail', 'human'] },
    ...Object.fromEntries(dialErrors.map((dialError, i) => [`+1212555017${i}`, { attempts: [dialError] }])),
  },
});
const instant = () => createSimulator({ speed: 0, scenarios, clock: () => 1_700_000_000_000 });
const ref = (to: string, attempt = 1) => ({ callId: `call-${to}`, attempt, to });

describe('simulator: dial errors', () => {
  it.each(dialErrors.map((dialError, i) => [dialError, `+1212555017${i}`]))(
    'given a number scripted to fail with %s, when dialled, then the dial fails with it and a SIP code that maps back',
    async (dialError, to) => {
      const sim = instant();
      const { dial, conversation } = await runAttempt(sim, ref(to));
      expect(dial).toMatchObject({ status: 'failed', dialError });
      if (dial.status === 'failed') expect(dialErrorFromSipCode(dial.sipCode)).toBe(dialError);
      expect(conversation).toBeNull();
      expect(sim.liveCalls()).toEqual([]);
    },
  );
});

describe('simulator: answered calls', () => {
  it('given a person answers, when the agent converses, then the transcript has all roles and the agent ends with its sentence', async () => {
    const sim = instant();
    const { dial, conversation } = await runAttempt(sim, ref(numbers.human), { structuredOutputConfig: allFieldTypes });
    expect(dial).toMatchObject({ status: 'answered', answeredBy: 'human' });
    const c = conversation!;
    expect(c).toMatchObject({
      reached: 'human',
      reachedHuman: true,
      voicemailLeft: false,
      endedBy: 'agent',
      endReason: 'tool_end_call',
    });
    expect(new Set(c.transcript.map((e) => e.role))).toEqual(new Set(['assistant', 'user', 'tool']));
    expect(c.transcript[0]).toEqual({
      role: 'assistant',
      content: 'Hi, this is Alex from Acme, calling about your order.',
    });
    expect(c.transcript.at(-1)).toMatchObject({ role: 'tool', tool_name: 'end_call' });
    expect(c.transcript.at(-2)).toEqual({ role: 'assistant', content: 'Thanks, goodbye from Acme!' });
    // No recording base configured: the simulator makes no recordings.
    expect(c.recordingUrl).toBeNull();
    expect(sim.liveCalls()).toEqual([]);
  });

  it('given first_sentence_mode generated, then the opening is derived from the instruction, not read verbatim', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.human), {
      script: { firstSentenceMode: 'generated', firstSentence: 'Greet the customer and mention the spring sale' },
    });
    const opening = conversation!.transcript[0]!;
    expect(opening.role).toBe('assistant');
    expect(opening.content).not.toBe('Greet the customer and mention the spring sale');
    expect(opening.content).toContain('greet the customer and mention the spring sale');
  });

  it('given first_sentence_mode none, then the callee speaks first', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.human), { script: { firstSentenceMode: 'none' } });
    expect(conversation!.transcript[0]!.role).toBe('user');
    expect(conversation!.transcript[1]!.role).toBe('assistant');
  });

  it('given an unknown answerer, then it is treated as a person', async () => {
    const { dial, conversation } = await runAttempt(instant(), ref(numbers.unknown));
    expect(dial).toMatchObject({ answeredBy: 'unknown' });
    expect(conversation).toMatchObject({ reached: 'unknown', reachedHuman: true, endedBy: 'agent' });
  });

  it('given a voicemail and a message, then the agent leaves it and hangs up', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.voicemail));
    expect(conversation).toMatchObject({
      reached: 'voicemail',
      reachedHuman: false,
      voicemailLeft: true,
      endedBy: 'agent',
      endReason: 'voicemail',
    });
    expect(conversation!.transcript.at(-1)).toMatchObject({
      tool_name: 'leave_voicemail',
      tool_arguments: { message: 'Hi, Alex from Acme here, please call us back.' },
    });
  });

  it('given a voicemail and no message, then the agent hangs up at once without speaking', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.voicemail), { voicemailMessage: null });
    expect(conversation).toMatchObject({ voicemailLeft: false, endedBy: 'agent', endReason: 'voicemail' });
    expect(conversation!.transcript.filter((e) => e.role !== 'user')).toEqual([]);
  });

  it('given an IVR and navigation enabled, when the menu leads to a person, then DTMF is sent and a human is reached', async () => {
    const sim = instant();
    const { dial, conversation } = await runAttempt(sim, ref(numbers.ivrToHuman));
    expect(dial).toMatchObject({ answeredBy: 'IVR' });
    expect(conversation).toMatchObject({
      reached: 'human',
      reachedHuman: true,
      endedBy: 'agent',
      endReason: 'tool_end_call',
    });
    expect(conversation!.transcript).toContainEqual(
      expect.objectContaining({ tool_name: 'send_dtmf', tool_arguments: { digits: '0' } }),
    );
    expect(sim.events()).toContainEqual(expect.objectContaining({ type: 'dtmf', digits: '0' }));
  });

  it('given an IVR whose operators never answer, then no human is reached and the IVR hangs up', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.ivrDeadEnd));
    expect(conversation).toMatchObject({ reached: 'IVR', reachedHuman: false, endedBy: 'user' });
  });

  it('given an IVR and navigation disabled, then the agent hangs up with ivr_no_navigate', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.ivrToHuman), { ivrNavigationEnabled: false });
    expect(conversation).toMatchObject({
      reached: 'IVR',
      reachedHuman: false,
      endedBy: 'agent',
      endReason: 'ivr_no_navigate',
    });
    expect(conversation!.transcript.some((e) => e.tool_name === 'send_dtmf')).toBe(false);
  });

  it('given iOS screening that continues as a person, then the agent answers the prompt and reaches a human', async () => {
    const { dial, conversation } = await runAttempt(instant(), ref(numbers.screeningHuman));
    expect(dial).toMatchObject({ answeredBy: 'ios-screening-filter' });
    expect(conversation).toMatchObject({ reached: 'human', reachedHuman: true, endedBy: 'agent' });
    expect(conversation!.transcript[1]!.role).toBe('assistant');
  });

  it('given iOS screening that continues as voicemail, then the message is left and no human is reached', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.screeningVoicemail));
    expect(conversation).toMatchObject({
      reached: 'voicemail',
      reachedHuman: false,
      voicemailLeft: true,
      endReason: 'voicemail',
    });
  });

  it('given a callee who asks for a human and a transfer number, then the agent transfers the call', async () => {
    const sim = instant();
    const { conversation } = await runAttempt(sim, ref(numbers.asksForHuman), { transferPhoneNumber: '+12125550199' });
    expect(conversation).toMatchObject({ endedBy: 'agent', endReason: 'transfer', reachedHuman: true });
    expect(conversation!.transcript.at(-1)).toMatchObject({
      tool_name: 'transfer_call',
      tool_arguments: { phone_number: '+12125550199' },
    });
    expect(sim.events()).toContainEqual(expect.objectContaining({ type: 'transfer', to: '+12125550199' }));
  });

  it('given a callee who asks for a human and no transfer number, then the agent carries on and ends the call itself', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.asksForHuman));
    expect(conversation).toMatchObject({ endedBy: 'agent', endReason: 'tool_end_call' });
  });

  it('given a long conversation and max_call_duration_secs 60, then the system ends it with max_duration', async () => {
    const sim = instant();
    const capped = await runAttempt(sim, ref(numbers.talkative), { maxCallDurationSecs: 60 });
    const uncapped = await runAttempt(sim, ref(numbers.talkative), { maxCallDurationSecs: 3600 });
    expect(capped.conversation).toMatchObject({ endedBy: 'system', endReason: 'max_duration', reachedHuman: true });
    expect(uncapped.conversation).toMatchObject({ endedBy: 'agent' });
    expect(capped.conversation!.transcript.length).toBeLessThan(uncapped.conversation!.transcript.length / 5);
  });

  it('given a callee who hangs up after one answer, then the call is ended by the user', async () => {
    const { conversation } = await runAttempt(instant(), ref(numbers.hangsUp), {
      structuredOutputConfig: allFieldTypes,
    });
    expect(conversation).toMatchObject({ endedBy: 'user', endReason: null, reachedHuman: true });
  });
});

it('given a long conversation, then no small-talk line comes back before six others were said', async () => {
  const { conversation } = await runAttempt(instant(), ref(numbers.talkative), { maxCallDurationSecs: 3600 });
  const agentLines = conversation!.transcript.filter((turn) => turn.role === 'assistant').map((t) => t.content);
  const smallTalk = agentLines.slice(1, -1);
  expect(smallTalk.length).toBeGreaterThan(50);
  for (let i = 0; i + 7 <= smallTalk.length; i++) {
    expect(new Set(smallTalk.slice(i, i + 7)).size).toBe(7);
  }
});

describe('simulator: scenarios, odds and determinism', () => {
  it('given a number scripted busy → voicemail → human, then attempts follow it and later ones repeat the last', async () => {
    const sim = instant();
    const outcomes = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const dial = await sim.telephony.dial(
        { ...ref(numbers.sequence, attempt), from: null, detectAnsweringMachine: true },
        never,
      );
      outcomes.push(dial.status === 'failed' ? dial.dialError : dial.answeredBy);
    }
    expect(outcomes).toEqual(['busy', 'voicemail', 'human', 'human']);
  });

  it('given 4000 unscripted orders, then outcomes follow the documented odds and every outcome occurs', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const plan = planAttempt(undefined, '+14155550999', `order-${i}`, 1);
      const key = plan.kind === 'failed' ? plan.dialError : plan.answeredBy;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      expect(plan.ringSecs).toBeGreaterThanOrEqual(plan.kind === 'answered' ? 3 : 0);
      if (plan.kind === 'answered') expect(plan.ringSecs).toBeLessThanOrEqual(25);
    }
    for (const [outcome, percent] of Object.entries(defaultOutcomeOdds)) {
      const share = ((counts.get(outcome) ?? 0) / 4000) * 100;
      expect(counts.get(outcome) ?? 0).toBeGreaterThan(0);
      expect(Math.abs(share - percent)).toBeLessThan(Math.max(2.5, percent * 0.25));
    }
  });

  it('given the same call id and attempt, when replayed in a fresh simulator, then everything is identical', async () => {
    const to = '+14155550998';
    for (let i = 0; i < 20; i++) {
      const a = await runAttempt(
        instant(),
        { callId: `replay-${i}`, attempt: 2, to },
        { structuredOutputConfig: allFieldTypes },
      );
      const b = await runAttempt(
        instant(),
        { callId: `replay-${i}`, attempt: 2, to },
        { structuredOutputConfig: allFieldTypes },
      );
      expect(b).toEqual(a);
    }
  });

  it('given different attempts of one order, then outcomes can differ', async () => {
    const sim = instant();
    const seen = new Set<string>();
    for (let attempt = 1; attempt <= 12; attempt++) {
      const dial = await sim.telephony.dial(
        { callId: 'varies', attempt, to: '+14155550997', from: null, detectAnsweringMachine: true },
        never,
      );
      seen.add(dial.status === 'failed' ? dial.dialError : dial.answeredBy);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('given dial in one simulator, when another (another process) converses, then the call is rebuilt from its ids alone', async () => {
    const dial = await instant().telephony.dial(
      { ...ref(numbers.human), from: null, detectAnsweringMachine: true },
      never,
    );
    if (dial.status !== 'answered') throw new Error('expected an answer');
    const elsewhere = instant();
    const result = await elsewhere.voiceAgent.converse(conversationRequest(dial, ref(numbers.human)), never);
    const local = await runAttempt(instant(), ref(numbers.human));
    expect(result).toEqual(local.conversation);
  });

  it('given speed 10, then the simulator waits a tenth of the simulated ringing and talking time', async () => {
    const waitsMs: number[] = [];
    const sim = createSimulator({ speed: 10, scenarios, sleep: (ms) => (waitsMs.push(ms), Promise.resolve()) });
    const plan = planAttempt(scenarios, numbers.human, `call-${numbers.human}`, 1);
    await runAttempt(sim, ref(numbers.human));
    const totalSecs = (waitsMs.reduce((a, b) => a + b, 0) * 10) / 1000;
    expect(totalSecs).toBeGreaterThan(plan.ringSecs + 20);
    expect(totalSecs).toBeLessThan(plan.ringSecs + 200);
  });
});

describe('simulator: abort', () => {
  it('given a ringing call, when the signal aborts, then the dial rejects within moments and one hang-up is counted', async () => {
    const sim = createSimulator({ speed: 1, scenarios });
    const controller = new AbortController();
    const startedAt = Date.now();
    setTimeout(() => {
      controller.abort();
    }, 50);
    const dialling = sim.telephony.dial(
      { ...ref(numbers.human), from: null, detectAnsweringMachine: true },
      controller.signal,
    );

    await expect(dialling).rejects.toBeInstanceOf(CallAbortedError);
    await expect(dialling).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - startedAt).toBeLessThan(1000);
    const [hungUp] = sim.events().filter((e) => e.type === 'hang_up');
    await sim.telephony.hangUp(hungUp!.providerCallId);
    expect(sim.hangUps(hungUp!.providerCallId)).toBe(1);
    expect(sim.hangUps()).toBe(1);
    expect(sim.liveCalls()).toEqual([]);
  });

  it('given a conversation in progress, when the signal aborts, then it hangs up once and rejects', async () => {
    const dial = await instant().telephony.dial(
      { ...ref(numbers.talkative), from: null, detectAnsweringMachine: true },
      never,
    );
    if (dial.status !== 'answered') throw new Error('expected an answer');
    const sim = createSimulator({ speed: 1, scenarios });
    const controller = new AbortController();
    const turns: string[] = [];
    setTimeout(() => {
      controller.abort();
    }, 50);
    const talking = sim.voiceAgent.converse(conversationRequest(dial, ref(numbers.talkative)), controller.signal, (e) =>
      turns.push(e.role),
    );

    await expect(talking).rejects.toMatchObject({ name: 'AbortError', providerCallId: dial.providerCallId });
    expect(sim.hangUps(dial.providerCallId)).toBe(1);
    expect(sim.liveCalls()).toEqual([]);
  });
});
