import pino, { type Logger } from 'pino';

/** The structured logger of a process; `component` names the process (api, worker, launcher). */
export function createLogger(component: string, level: string): Logger {
  return pino({ level, base: { component } });
}
export type { Logger };
