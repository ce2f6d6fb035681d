import { z } from 'zod';
import { answeredBySchema, callStatusSchema } from './enums';

/** A business outcome of an order, as the reference's search filters name them. */
export const outcomeSchema = z.enum(['not_interested', 'interested', 'completed', 'requested_callback_later']);
export type Outcome = z.infer<typeof outcomeSchema>;

const isoInstant = z.iso.datetime({ offset: true });
const ids = z.array(z.string().min(1).max(200)).max(100);

/**
 * Body of `POST /call/search` (routes.md): every field optional, an empty array means no filter on that field.
 * `none` in `results` / `outcomes` matches orders with no attempt result / no outcome yet.
 */
export const searchCallsRequestSchema = z.object({
  statuses: z.array(callStatusSchema).max(20).optional(),
  results: z
    .array(z.union([answeredBySchema, z.literal('none')]))
    .max(10)
    .optional(),
  outcomes: z
    .array(z.union([outcomeSchema, z.literal('none')]))
    .max(10)
    .optional(),
  assistant_ids: ids.optional(),
  campaign_ids: ids.optional(),
  assignee_ids: ids.optional(),
  directions: z
    .array(z.enum(['outbound', 'inbound']))
    .max(2)
    .optional(),
  from_phone_numbers: z.array(z.string().min(1)).max(100).optional(),
  to_phone_number: z.string().min(1).nullish(),
  call_ids: ids.optional(),
  query: z.string().max(200).nullish(),
  page: z.number().int().min(1).max(100_000).default(1),
  page_size: z.number().int().min(1).max(100).default(20),
  sort_by: z.enum(['created_at', 'updated_at', 'scheduled_at']).default('created_at'),
  sort_direction: z.enum(['asc', 'desc']).default('desc'),
  /** Extension: only orders created at or after this instant. */
  created_after: isoInstant.nullish(),
  /** Extension: only orders created before this instant. */
  created_before: isoInstant.nullish(),
});
export type SearchCallsRequest = z.infer<typeof searchCallsRequestSchema>;

/** Body of `POST /call/export`: the search filters (paging ignored: every page is exported). */
export const exportCallsRequestSchema = z.object({
  filters: searchCallsRequestSchema.default(() => searchCallsRequestSchema.parse({})),
  include_metadata: z.boolean().default(false),
  include_structured_output_fields: z.boolean().default(false),
});
export type ExportCallsRequest = z.infer<typeof exportCallsRequestSchema>;
