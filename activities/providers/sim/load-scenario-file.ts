import { readFile } from 'node:fs/promises';
import { scenarioFileSchema } from './scenario';
import type { ScenarioFile } from './scenario';

/** Thrown when a scenario file cannot be read or does not match the schema; names the file and every failing path. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
}

/** Reads and validates a simulator scenario file (JSON). Throws `ScenarioFileError`. */
export async function loadScenarioFile(path: string): Promise<ScenarioFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ScenarioFileError(`cannot read scenario file ${path}: ${(error as Error).message}`, { cause: error });
  }

  const parsed = scenarioFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ScenarioFileError(`invalid scenario file ${path}: ${problems.join('; ')}`);
  }
  return parsed.data;
}
