import { z } from 'zod';
import { assistantInputSchema } from './contract/assistant';
import type { RuleIssue } from './errors';
import { unknownVoiceMessage } from './voices';

/**
 * A stored assistant's configuration: the contract's assistant (the same schema `POST /call` uses inline) with
 * `name` required, because every `Assistant` and every `Call.assistant` of the contract has a name.
 */
export const storedAssistantInputSchema = assistantInputSchema.required({ name: true });
export type StoredAssistantInput = z.infer<typeof storedAssistantInputSchema>;

/** Body of `PATCH /assistants/{id}`: any subset of the fields; `null` clears a nullable field. */
export const assistantPatchSchema = assistantInputSchema.partial();
export type AssistantPatch = z.infer<typeof assistantPatchSchema>;

/** An assistant as its entity workflow holds it. Instants are epoch ms. */
export interface AssistantRecord {
  id: string;
  organizationId: string;
  assistant: StoredAssistantInput;
  createdAtMs: number;
  updatedAtMs: number;
  deleted: boolean;
}

/** `Assistant` as the API shows it: the contract's assistant plus id, organization, instants and type. */
export const assistantSchema = storedAssistantInputSchema.extend({
  id: z.string(),
  organization_id: z.string(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  type: z.literal('standalone'),
});
export type Assistant = z.infer<typeof assistantSchema>;

/** An assistant configuration that breaks the contract; `issues` name each field by its path in the body. */
export class InvalidAssistantError extends Error {
  override readonly name = 'InvalidAssistantError';
  constructor(readonly issues: readonly RuleIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
}

/**
 * Validates a whole assistant configuration: the contract schema, then the voice against the catalogue.
 * @returns the parsed value (defaults of nested objects applied)
 * @throws InvalidAssistantError naming every failing field
 */
export function validateStoredAssistant(candidate: unknown): StoredAssistantInput {
  const parsed = storedAssistantInputSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new InvalidAssistantError(
      parsed.error.issues.map((issue) => ({ path: issue.path.map(pathPart), message: issue.message })),
    );
  }
  const voiceMessage = unknownVoiceMessage(parsed.data.voice);
  if (voiceMessage !== null) throw new InvalidAssistantError([{ path: ['voice', 'id'], message: voiceMessage }]);
  return parsed.data;
}

/**
 * The configuration after a partial update: the patch's fields replace the current ones (a whole field at a
 * time: `call_retry_config` or `voice` sent in a patch replace the stored object), then the result is validated
 * as a whole. @throws InvalidAssistantError
 */
export function applyAssistantPatch(current: StoredAssistantInput, patch: AssistantPatch): StoredAssistantInput {
  return validateStoredAssistant({ ...current, ...patch });
}

/** The name of a clone: the original's, suffixed ` (copy)`, shortened to stay within the 200-character limit. */
export function cloneName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, 200 - suffix.length)}${suffix}`;
}

/** The record as `{ "assistant": Assistant }` shows it. */
export function assistantView(record: AssistantRecord): Assistant {
  return {
    ...record.assistant,
    id: record.id,
    organization_id: record.organizationId,
    created_at: new Date(record.createdAtMs).toISOString(),
    updated_at: new Date(record.updatedAtMs).toISOString(),
    type: 'standalone',
  };
}

function pathPart(part: PropertyKey): string | number {
  return typeof part === 'number' ? part : String(part);
}
