import type { RequestHandler, Response } from 'express';
import { ApiError } from './errors';

/**
 * Resolves the caller's organization: `Authorization: Bearer <key>` looked up in `apiKeys` (401 when missing or
 * unknown); with no keys configured every request is served as `defaultOrganizationId`.
 */
export function authenticate(apiKeys: ReadonlyMap<string, string>, defaultOrganizationId: string): RequestHandler {
  return (req, res, next) => {
    if (apiKeys.size === 0) {
      res.locals.organizationId = defaultOrganizationId;
      next();
      return;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const organizationId = match?.[1] === undefined ? undefined : apiKeys.get(match[1]);
    if (organizationId === undefined) {
      throw new ApiError(401, 'unauthorized', 'a valid API key is required: Authorization: Bearer <key>');
    }
    res.locals.organizationId = organizationId;
    next();
  };
}

/** The organization {@link authenticate} resolved for this request. */
export function organizationOf(res: Response): string {
  return res.locals.organizationId as string;
}

/**
 * 415 for a request that carries a body whose content type is not JSON (before the JSON parser would ignore it
 * and the route would see no body at all).
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && req.is(['application/json', 'application/*+json']) === false) {
    throw new ApiError(415, 'unsupported_media_type', 'the body must be JSON (Content-Type: application/json)');
  }
  next();
};
