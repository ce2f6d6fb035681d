import type { ProvidersConfig } from '../activities/providers';
import type { AppConfig } from './config';

/** The providers the configuration names: the simulator, and an LLM endpoint when one is configured. */
export function providersConfig(config: AppConfig): ProvidersConfig {
  return {
    telephony: 'sim',
    sim: {
      speed: config.SIM_SPEED,
      ...(config.SIM_SCENARIO_FILE ? { scenarioFile: config.SIM_SCENARIO_FILE } : {}),
      ...(config.RECORDING_BASE_URL ? { recordingBaseUrl: config.RECORDING_BASE_URL } : {}),
    },
    ...(config.LLM_BASE_URL && config.LLM_API_KEY
      ? {
          llm: {
            baseUrl: config.LLM_BASE_URL,
            apiKey: config.LLM_API_KEY,
            ...(config.OPENROUTER_BASE_URL && config.OPENROUTER_API_KEY
              ? { openrouter: { baseUrl: config.OPENROUTER_BASE_URL, apiKey: config.OPENROUTER_API_KEY } }
              : {}),
          },
        }
      : {}),
  };
}
