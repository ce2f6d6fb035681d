import { z } from 'zod';
import { assistantInputSchema } from './assistant';

export const concurrencySchema = z.object({
  key: z.string().min(1).max(200),
  /**
   * Omitted by newer clients: the server-side limit for the key applies. A number ≥ 1 (the contract's type is
   * float); a fraction counts down to the whole number of slots it allows (`2.5` → 2).
   */
  max: z.number().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Body of `POST /call` (api/place-a-call.md), before the scheduling rules judge it. */
export const placeCallRequestSchema = z.object({
  phone_number: z.string().min(1),
  assistant: assistantInputSchema.nullish(),
  assistant_id: z.string().min(1).nullish(),
  concurrency: concurrencySchema.nullish(),
  force_now: z.boolean().nullish(),
  from_phone_number: z.string().min(1).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  prompt_variables: z.record(z.string(), z.string()).nullish(),
  scheduled_at: z.union([z.string(), z.object({}).strict()]).nullish(),
});
export type PlaceCallRequest = z.infer<typeof placeCallRequestSchema>;
/** The body as a client writes it (before defaults). */
export type PlaceCallBody = z.input<typeof placeCallRequestSchema>;
