import path from 'node:path';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Providers } from './types';
import { createExtractor } from './extraction';
import { createSimulator } from './sim/simulator';
import type { Simulator } from './sim/simulator';
import { loadScenarioFile } from './sim/load-scenario-file';

/** The scenario file shipped with the simulator (the demo numbers of `sim/README.md`). */
export const defaultScenarioFile = path.join(__dirname, 'sim', 'default-scenarios.json');

/** Which providers to use; validated once at start-up by whoever reads the environment. */
export const providersConfigSchema = z
  .object({
    telephony: z.literal('sim').default('sim'),
    sim: z
      .object({
        /** Times faster than real time; 0 = no waiting at all. */
        speed: z.number().min(0).default(1),
        /** Path of a scenario file; default the shipped `default-scenarios.json`. */
        scenarioFile: z.string().min(1).optional(),
        recordingBaseUrl: z.url().optional(),
      })
      .prefault({}),
    /** An OpenAI-compatible endpoint for structured output; absent = the offline extractor. */
    llm: z
      .object({
        baseUrl: z.url(),
        apiKey: z.string().min(1),
        models: z.record(z.string(), z.string().min(1)).optional(),
        openrouter: z.object({ baseUrl: z.url(), apiKey: z.string().min(1) }).optional(),
        timeoutMs: z.number().int().positive().default(30_000),
        maxChunkChars: z.number().int().min(1_000).optional(),
        chunkOverlapChars: z.number().int().min(0).optional(),
      })
      .optional(),
  })
  .strict();
export type ProvidersConfig = z.input<typeof providersConfigSchema>;

/**
 * Builds the providers named by `config` (validated here too). Reads the scenario file; nothing else does I/O and
 * nothing reads `process.env`. `simulator` exposes the simulator's observation aids when it is in use.
 */
export async function createProviders(
  config: ProvidersConfig,
  deps: { logger?: Logger; clock?: () => number } = {},
): Promise<Providers & { simulator: Simulator }> {
  const parsed = providersConfigSchema.parse(config);
  const scenarios = await loadScenarioFile(parsed.sim.scenarioFile ?? defaultScenarioFile);
  const simulator = createSimulator({
    speed: parsed.sim.speed,
    scenarios,
    ...(parsed.sim.recordingBaseUrl ? { recordingBaseUrl: parsed.sim.recordingBaseUrl } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.logger ? { logger: deps.logger.child({ provider: 'sim' }) } : {}),
  });
  const extractor = createExtractor(parsed.llm, deps.logger?.child({ provider: 'llm' }));
  return { telephony: simulator.telephony, voiceAgent: simulator.voiceAgent, extractor, simulator };
}
