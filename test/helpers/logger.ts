import pino from 'pino';

/** A silent structured logger for tests (`TEST_LOG_LEVEL=debug` to see it). */
export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
