import type { Providers } from './types';

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });

/** A minimal simulator: every call rings briefly and a human answers a short conversation. */
export function createBasicSimulator(options: { delayMs: number }): Providers {
  return {
    telephony: {
      async dial(request, signal) {
        const ringingAtMs = Date.now();
        await sleep(options.delayMs, signal);
        return {
          status: 'answered',
          providerCallId: `sim-${request.callId}-${request.attempt}`,
          answeredBy: 'human',
          ringingAtMs,
          answeredAtMs: Date.now(),
        };
      },
      async hangUp() {},
      async sendDtmf() {},
      async transfer() {},
    },
    voiceAgent: {
      async converse(request, signal) {
        await sleep(options.delayMs, signal);
        return {
          reached: 'human',
          reachedHuman: true,
          voicemailLeft: false,
          transcript: [
            { role: 'assistant', content: request.script.firstSentence ?? 'Hello!' },
            { role: 'user', content: 'Hi, yes, this is me.' },
            { role: 'tool', content: 'call ended', tool_name: 'end_call', tool_arguments: {}, tool_is_error: false },
          ],
          endedBy: 'agent',
          endReason: 'tool_end_call',
          endedAtMs: Date.now(),
          recordingUrl: null,
        };
      },
    },
    extractor: {
      extract() {
        return Promise.resolve({});
      },
    },
  };
}
