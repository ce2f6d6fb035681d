import { Router } from 'express';
import {
  assistantPatchSchema,
  assistantView,
  type StoredAssistantInput,
  validateStoredAssistant,
} from '../../domain/assistant-record';
import { type Assistants, asApiError } from '../assistants';
import { organizationOf } from '../auth';
import { validationError } from '../errors';

export interface AssistantRoutesDeps {
  assistants: Assistants;
  now: () => number;
}

/** `/assistants`: create, list, read, update, delete and clone the organization's assistants. */
export function assistantRoutes(deps: AssistantRoutesDeps): Router {
  const router = Router();

  router.post('/assistants', async (req, res) => {
    const organizationId = organizationOf(res);
    const record = await deps.assistants.create(organizationId, validated(req.body), deps.now());
    res.status(201).json({ assistant: assistantView(record) });
  });

  router.get('/assistants', async (req, res) => {
    const records = await deps.assistants.list(organizationOf(res));
    res.json({ assistants: records.map(assistantView) });
  });

  router.get('/assistants/:id', async (req, res) => {
    const record = await deps.assistants.get(organizationOf(res), req.params.id);
    res.json({ assistant: assistantView(record) });
  });

  router.patch('/assistants/:id', async (req, res) => {
    const organizationId = organizationOf(res);
    const parsed = assistantPatchSchema.safeParse(req.body);
    if (!parsed.success) throw validationError(parsed.error);
    const record = await deps.assistants.update(organizationId, req.params.id, parsed.data, deps.now());
    res.json({ assistant: assistantView(record) });
  });

  router.delete('/assistants/:id', async (req, res) => {
    await deps.assistants.delete(organizationOf(res), req.params.id);
    res.json({ success: true });
  });

  router.post('/assistants/:id/clone', async (req, res) => {
    const organizationId = organizationOf(res);
    const record = await deps.assistants.clone(organizationId, req.params.id, deps.now());
    res.status(201).json({ assistant: assistantView(record) });
  });

  return router;
}

/** The body as a whole assistant; 400 naming each failing field. */
function validated(body: unknown): StoredAssistantInput {
  try {
    return validateStoredAssistant(body);
  } catch (err) {
    throw asApiError(err);
  }
}
