import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { formatFieldPath, ScheduleRuleError } from '../domain/errors';

/** One failing field: its path in the request body and why it failed. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An error the API answers with a status and the one JSON error shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** `a.b[2].c` from a zod/issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const name = String(part);
    return out === '' ? name : `${out}.${name}`;
  }, '');
}

/** A 400 naming every failing field of a zod error. */
export function validationError(error: z.ZodError, prefix: PropertyKey[] = []): ApiError {
  const issues = error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
  return new ApiError(400, 'invalid_request', 'the request is invalid', issues);
}

/** Maps every error to the JSON error shape; never leaks a stack trace. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) logger.error({ err }, 'request failed');
    res.status(apiError.status).json({
      error: { code: apiError.code, message: apiError.message, issues: apiError.issues },
    });
  };
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ScheduleRuleError) {
    const issues = err.issues.map((issue) => ({ path: formatFieldPath(issue.path), message: issue.message }));
    return new ApiError(400, 'invalid_request', 'the request is invalid', issues);
  }
  const status = (err as { status?: unknown; type?: unknown }).status;
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return new ApiError(400, 'malformed_json', 'the body is not valid JSON');
  if (type === 'entity.too.large') return new ApiError(413, 'payload_too_large', 'the body is too large');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'bad_request', 'the request could not be read');
  }
  return new ApiError(500, 'internal_error', 'internal error');
}
