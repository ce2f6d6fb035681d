import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { formatFieldPath, ScheduleRuleError } from '../domain/errors';
import { InvalidPhoneNumberError } from '../domain/phone';

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
  return (err: unknown, req, res, _next) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (apiError.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(apiError.status).json({
      error: { code: apiError.code, message: apiError.message, issues: apiError.issues },
    });
  };
}

/** gRPC codes the Temporal client reports when the service cannot be reached in time. */
const UNREACHABLE_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/** True when `err` (or an error it wraps) says the Temporal service could not be reached. */
export function isTemporalUnreachable(err: unknown): boolean {
  for (let cause = err, depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'number' && UNREACHABLE_CODES.has(code)) return true;
    if (/ECONNREFUSED|UNAVAILABLE|Failed to connect|transport error/i.test(cause.message)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof InvalidPhoneNumberError) {
    return new ApiError(400, 'invalid_request', 'the request is invalid', [{ path: '', message: err.message }]);
  }
  if (isTemporalUnreachable(err)) return new ApiError(503, 'unavailable', 'the call order service is unavailable');
  if (err instanceof ScheduleRuleError) {
    const issues = err.issues.map((issue) => ({ path: formatFieldPath(issue.path), message: issue.message }));
    return new ApiError(400, 'invalid_request', 'the request is invalid', issues);
  }
  const status = (err as { status?: unknown; type?: unknown }).status;
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return new ApiError(400, 'malformed_json', 'the body is not valid JSON');
  if (type === 'entity.too.large') return new ApiError(413, 'payload_too_large', 'the body is larger than 512 KB');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError(415, 'unsupported_media_type', 'the body must be UTF-8 JSON');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'bad_request', 'the request could not be read');
  }
  return new ApiError(500, 'internal_error', 'internal error');
}
