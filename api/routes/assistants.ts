import { Router } from 'express';
import {
  assistantPatchSchema,
  assistantView,
  InvalidAssistantError,
  type StoredAssistantInput,
  validateStoredAssistant,
} from '../../domain/assistant-record';
import { assistantRuleIssues } from '../../domain/assistant-rules';
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
    judgeRules(parsed.data);
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

/** The body as a whole assistant, its scheduling and number rules judged; 400 naming each failing field. */
function validated(body: unknown): StoredAssistantInput {
  let assistant: StoredAssistantInput;
  try {
    assistant = validateStoredAssistant(body);
  } catch (err) {
    throw asApiError(err);
  }
  judgeRules(assistant);
  return assistant;
}

/** 400 naming each window time, time zone or transfer number of `fields` that SPEC §2 / §6 refuse. */
function judgeRules(fields: Parameters<typeof assistantRuleIssues>[0]): void {
  const issues = assistantRuleIssues(fields);
  if (issues.length > 0) throw asApiError(new InvalidAssistantError(issues));
}
