import { z } from 'zod';
import { normalizePhoneNumber } from '../domain/phone';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** `key1:org1,key2:org2` → map of API key to organization id. */
const apiKeys = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const keys = new Map<string, string>();
    for (const pair of (raw ?? '').split(',').map((part) => part.trim())) {
      if (pair === '') continue;
      const [key, organizationId] = pair.split(':');
      if (!key || !organizationId) {
        ctx.addIssue({ code: 'custom', message: 'API_KEYS must be a comma-separated list of key:organization_id' });
        return z.NEVER;
      }
      keys.set(key, organizationId);
    }
    return keys;
  });

/**
 * `{"org_a": {"default_max": 5, "keys": {"sales": 2}}}` → per-organization limits of concurrency keys, for orders
 * whose `concurrency` omits `max`.
 */
const concurrencyLimits = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return {};
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'CONCURRENCY_LIMITS must be JSON' });
      return z.NEVER;
    }
    const table = z
      .record(
        z.string().min(1),
        z.strictObject({
          default_max: z.number().int().min(1).optional(),
          keys: z.record(z.string().min(1), z.number().int().min(1)).optional(),
        }),
      )
      .safeParse(json);
    if (!table.success) {
      for (const issue of table.error.issues)
        ctx.addIssue({ code: 'custom', message: `CONCURRENCY_LIMITS.${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    return Object.fromEntries(
      Object.entries(table.data).map(([organization, limits]) => [
        organization,
        { defaultMax: limits.default_max, keys: limits.keys },
      ]),
    );
  });

const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('call-orders'),
  TEMPORAL_TLS: booleanFlag,
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_KEYS: apiKeys,
  DEFAULT_ORGANIZATION_ID: z.string().min(1).default('org_local'),
  /** Slots per concurrency key when an order's `concurrency` omits `max` (see README, Concurrency). */
  CONCURRENCY_DEFAULT_MAX: z.coerce.number().int().min(1).default(1),
  /** Per-organization limits of keys and organization defaults, as JSON (see README, Concurrency). */
  CONCURRENCY_LIMITS: concurrencyLimits,
  /** The caller id of orders that send no `from_phone_number` (the default trunk); E.164 after normalising. */
  DEFAULT_FROM_PHONE_NUMBER: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return null;
      try {
        return normalizePhoneNumber(raw);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
        return z.NEVER;
      }
    }),
  SIM_SPEED: z.coerce.number().min(0).default(10),
  SIM_SCENARIO_FILE: z.string().optional(),
  RECORDING_BASE_URL: z.string().optional(),
  WEBHOOK_SIGNING_SECRET: z.string().optional(),
  LLM_BASE_URL: z.string().optional(),
  LLM_API_KEY: z.string().optional(),
  OPENROUTER_BASE_URL: z.string().optional(),
  OPENROUTER_API_KEY: z.string().optional(),
});

/** The validated configuration of every process, read once at start-up. */
export type AppConfig = z.infer<typeof envSchema>;

/** Thrown when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration from an environment map; throws {@link ConfigError} naming each variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
