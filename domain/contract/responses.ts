import { z } from 'zod';
import { callSchema } from './call';
import { outcomeSchema } from './search';

/** `POST /call` (201) and `GET /call/{id}`. */
export const callResponseSchema = z.object({ call: callSchema });

/** `POST /call/{id}/cancel|pause|resume`; `call` is an extension (the reference answers only `success`). */
export const callActionResponseSchema = z.object({ success: z.literal(true), call: callSchema });

/** `POST /call/search`: one page of orders and the number of matches across all pages. */
export const searchCallsResponseSchema = z.object({ calls: z.array(callSchema), total_count: z.number().int().min(0) });

/** `POST /call/export`: the CSV text and a file name. */
export const exportCallsResponseSchema = z.object({ csv: z.string(), filename: z.string() });

/** What the organization's orders say about one phone number. */
export const phoneHistoryEntrySchema = z.object({
  count: z.number().int().min(0),
  last_called_at: z.iso.datetime().nullable(),
  last_outcome: outcomeSchema.nullable(),
  reached_human: z.boolean(),
  do_not_contact: z.boolean(),
  hot: z.boolean(),
  campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** `GET /calls/phone-history`, keyed by E.164 number. */
export const phoneHistoryResponseSchema = z.object({
  phone_history: z.record(z.string(), phoneHistoryEntrySchema),
});

/** `POST /call/preview` (extension): the zones and the planned attempt instants (ISO 8601 UTC). */
export const previewResponseSchema = z.object({
  timezones: z.array(z.string()),
  attempts: z.array(z.iso.datetime()),
});

/** `GET /healthz` and `GET /readyz`. */
export const healthResponseSchema = z.object({ ok: z.boolean() });

/** Every error: a code, words for a person, and each failing field by path (`''` is the body itself). */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
