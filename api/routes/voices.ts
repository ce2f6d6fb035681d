import { Router } from 'express';
import { z } from 'zod';
import { findVoice, voiceCatalogue, voiceProviderSchema } from '../../domain/voices';
import { ApiError, validationError } from '../errors';

const voiceQuerySchema = z.object({ provider: voiceProviderSchema.optional() });

/** `GET /voices` and `GET /voices/{id}?provider=`: the simulator's voice catalogue. */
export function voiceRoutes(): Router {
  const router = Router();

  router.get('/voices', (req, res) => {
    const parsed = voiceQuerySchema.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    const { provider } = parsed.data;
    res.json({ voices: voiceCatalogue.filter((voice) => provider === undefined || voice.provider === provider) });
  });

  router.get('/voices/:id', (req, res) => {
    const parsed = voiceQuerySchema.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    const voice = findVoice(req.params.id, parsed.data.provider);
    if (!voice) throw new ApiError(404, 'not_found', `no voice with id ${req.params.id}`);
    res.json({ voice });
  });

  return router;
}
