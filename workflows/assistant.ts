import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { applyAssistantPatch, InvalidAssistantError, type AssistantRecord } from '../domain/assistant-record';
import {
  ASSISTANT_DELETED,
  type AssistantEntityInput,
  deleteAssistantUpdate,
  getAssistantQuery,
  INVALID_ASSISTANT,
  type UpdateAssistantRequest,
  updateAssistantUpdate,
} from './assistant-messages';

/** Updates per run when the input names no limit; the server's suggestion usually comes first. */
const DEFAULT_MAX_UPDATES_PER_RUN = 1000;

/**
 * One stored assistant, for as long as it exists: reads by query, writes by update (validated synchronously).
 * Continues as new when Temporal suggests it (or after `maxUpdatesPerRun` updates), once every handler has
 * finished, so its history stays bounded however often it is edited. Ends, returning the last record, when
 * deleted. The workflow id is `assistant:<organization>:<id>`.
 */
export async function assistantEntity(input: AssistantEntityInput): Promise<AssistantRecord> {
  let record = input.record;
  let updatesThisRun = 0;
  const maxUpdatesPerRun = input.maxUpdatesPerRun ?? DEFAULT_MAX_UPDATES_PER_RUN;

  const assertLive = (): void => {
    if (record.deleted) throw ApplicationFailure.nonRetryable('the assistant is deleted', ASSISTANT_DELETED);
  };

  setHandler(getAssistantQuery, () => record);
  setHandler(
    updateAssistantUpdate,
    (request: UpdateAssistantRequest) => {
      record = {
        ...record,
        assistant: applyAssistantPatch(record.assistant, request.patch),
        updatedAtMs: request.atMs,
      };
      updatesThisRun += 1;
      return record;
    },
    {
      validator: (request: UpdateAssistantRequest) => {
        assertLive();
        try {
          applyAssistantPatch(record.assistant, request.patch);
        } catch (err) {
          if (!(err instanceof InvalidAssistantError)) throw err;
          throw ApplicationFailure.create({
            type: INVALID_ASSISTANT,
            message: err.message,
            details: [err.issues],
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(
    deleteAssistantUpdate,
    () => {
      record = { ...record, deleted: true };
      return record;
    },
    { validator: assertLive },
  );

  const shouldContinueAsNew = (): boolean =>
    workflowInfo().continueAsNewSuggested || updatesThisRun >= maxUpdatesPerRun;
  await condition(() => record.deleted || shouldContinueAsNew());
  await condition(allHandlersFinished);
  if (record.deleted) return record;
  return continueAsNew<typeof assistantEntity>({ ...input, record });
}
