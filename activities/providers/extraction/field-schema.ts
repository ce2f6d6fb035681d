import { z } from 'zod';
import type { StructuredOutputField } from '../../../domain/contract/assistant';

/**
 * The zod schema a value of `field` must pass to enter `structured_output`:
 * string (non-empty), number (finite), boolean, enum (one of `enum_options`), date (`YYYY-MM-DD`),
 * datetime (ISO 8601, with `Z`, an offset, or recipient-local without one).
 */
export function fieldValueSchema(field: StructuredOutputField): z.ZodType {
  switch (field.type) {
    case 'string':
      return z.string().trim().min(1);
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'enum': {
      const options = field.enum_options ?? [];
      return options.length > 0 ? z.enum(options as [string, ...string[]]) : z.never();
    }
    case 'date':
      return z.iso.date();
    case 'datetime':
      return z.iso.datetime({ offset: true, local: true });
  }
}

/** Keeps the values that pass their field's schema; anything else (unknown names, invalid values, null) is left out. */
export function validateStructuredOutput(
  fields: readonly StructuredOutputField[],
  candidate: Record<string, unknown>,
): { output: Record<string, unknown>; rejected: string[] } {
  const output: Record<string, unknown> = {};
  const rejected: string[] = [];
  for (const field of fields) {
    const value = candidate[field.name];
    if (value === undefined || value === null) continue;
    const parsed = fieldValueSchema(field).safeParse(value);
    if (parsed.success) output[field.name] = parsed.data;
    else rejected.push(field.name);
  }
  return { output, rejected };
}

function jsonTypeOf(field: StructuredOutputField): string {
  if (field.type === 'number') return 'number';
  if (field.type === 'boolean') return 'boolean';
  return 'string';
}

const formatHint: Partial<Record<StructuredOutputField['type'], string>> = {
  date: 'A calendar date, YYYY-MM-DD.',
  datetime:
    'An ISO 8601 date and time, e.g. 2026-03-14T15:30:00 (add the offset only when the caller stated the time zone).',
};

/**
 * The JSON schema sent as `response_format` (strict mode): every field is present and nullable,
 * null meaning "not found in the transcript".
 */
export function structuredOutputJsonSchema(fields: readonly StructuredOutputField[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of fields) {
    const description = [field.description, formatHint[field.type], 'null when the conversation does not say.']
      .filter(Boolean)
      .join(' ');
    properties[field.name] =
      field.type === 'enum'
        ? { type: ['string', 'null'], enum: [...(field.enum_options ?? []), null], description }
        : { type: [jsonTypeOf(field), 'null'], description };
  }
  return { type: 'object', properties, required: fields.map((field) => field.name), additionalProperties: false };
}
