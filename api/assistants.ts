import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type AssistantPatch,
  type AssistantRecord,
  cloneName,
  InvalidAssistantError,
  type StoredAssistantInput,
} from '../domain/assistant-record';
import type { PlaceCallRequest } from '../domain/contract/place-call';
import { formatFieldPath, type RuleIssue } from '../domain/errors';
import type { NormalizeContext } from '../domain/normalize-order';
import { orderAssistant } from '../domain/order-assistant';
import { unknownVoiceMessage } from '../domain/voices';
import {
  ASSISTANT_DELETED,
  ASSISTANT_WORKFLOW_TYPE,
  assistantWorkflowId,
  type AssistantEntityInput,
  deleteAssistantUpdate,
  getAssistantQuery,
  INVALID_ASSISTANT,
  updateAssistantUpdate,
} from '../workflows/assistant-messages';
import { AssistantOrganizationId } from '../workflows/search-attributes';
import { ApiError } from './errors';

export interface AssistantsOptions {
  /** Passed to each entity workflow: continue as new after this many updates at the latest. */
  maxUpdatesPerRun?: number;
}

/** Stored assistants as entity workflows (one per assistant), scoped by organization. */
export class Assistants {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly options: AssistantsOptions = {},
  ) {}

  /** Starts the entity of a new assistant; `assistant` is already validated. */
  async create(organizationId: string, assistant: StoredAssistantInput, nowMs: number): Promise<AssistantRecord> {
    const record: AssistantRecord = {
      id: `asst_${randomUUID()}`,
      organizationId,
      assistant,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      deleted: false,
    };
    const input: AssistantEntityInput = { record, ...this.options };
    await this.client.workflow.start(ASSISTANT_WORKFLOW_TYPE, {
      workflowId: assistantWorkflowId(organizationId, record.id),
      taskQueue: this.taskQueue,
      args: [input],
      typedSearchAttributes: [{ key: AssistantOrganizationId, value: organizationId }],
      staticSummary: `Assistant ${assistant.name}`,
    });
    return record;
  }

  /** The organization's assistant; 404 when unknown, deleted or another organization's. */
  async get(organizationId: string, id: string): Promise<AssistantRecord> {
    const record = await this.read(assistantWorkflowId(organizationId, id));
    if (!record || record.deleted || record.organizationId !== organizationId) throw notFound(id);
    return record;
  }

  /** The organization's assistants, oldest first, through visibility (running entities of the organization). */
  async list(organizationId: string): Promise<AssistantRecord[]> {
    const query = [
      `WorkflowType = '${ASSISTANT_WORKFLOW_TYPE}'`,
      `ExecutionStatus = 'Running'`,
      `${AssistantOrganizationId.name} = '${quoted(organizationId)}'`,
    ].join(' AND ');
    const workflowIds: string[] = [];
    for await (const execution of this.client.workflow.list({ query })) workflowIds.push(execution.workflowId);
    const records = await Promise.all(workflowIds.map((workflowId) => this.read(workflowId)));
    return records
      .filter((record): record is AssistantRecord => record !== null && !record.deleted)
      .filter((record) => record.organizationId === organizationId)
      .sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  }

  /** Applies a partial update, validated by the entity against the whole result; 400 when invalid, 404 when gone. */
  async update(organizationId: string, id: string, patch: AssistantPatch, nowMs: number): Promise<AssistantRecord> {
    const handle = this.client.workflow.getHandle(assistantWorkflowId(organizationId, id));
    try {
      return await handle.executeUpdate(updateAssistantUpdate, { args: [{ patch, atMs: nowMs }] });
    } catch (err) {
      throw updateError(err, id);
    }
  }

  /** Deletes the assistant (its entity ends); orders already placed keep their snapshot. */
  async delete(organizationId: string, id: string): Promise<void> {
    const handle = this.client.workflow.getHandle(assistantWorkflowId(organizationId, id));
    try {
      await handle.executeUpdate(deleteAssistantUpdate);
    } catch (err) {
      throw updateError(err, id);
    }
  }

  /** A copy under a new id, named with ` (copy)`. */
  async clone(organizationId: string, id: string, nowMs: number): Promise<AssistantRecord> {
    const original = await this.get(organizationId, id);
    return this.create(organizationId, { ...original.assistant, name: cloneName(original.assistant.name) }, nowMs);
  }

  /**
   * The assistant a `POST /call` body runs with, as `normalizeOrder` takes it: with `assistant_id`, a snapshot of
   * the stored assistant (404 when unknown) whose retry config the inline one overrides field by field; without,
   * undefined (the inline assistant), after checking its voice against the catalogue (400 `assistant.voice.id`).
   */
  async forOrder(request: PlaceCallRequest, organizationId: string): Promise<NormalizeContext['assistant']> {
    if (!request.assistant_id) {
      const voiceMessage = unknownVoiceMessage(request.assistant?.voice);
      if (voiceMessage !== null)
        throw invalidAssistant([{ path: ['voice', 'id'], message: voiceMessage }], ['assistant']);
      return undefined;
    }
    const record = await this.get(organizationId, request.assistant_id);
    return {
      input: orderAssistant(record.assistant, request.assistant),
      id: record.id,
      createdAtMs: record.createdAtMs,
      updatedAtMs: record.updatedAtMs,
      path: ['assistant'],
    };
  }

  /** The entity's record, or null when no such workflow exists. */
  private async read(workflowId: string): Promise<AssistantRecord | null> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(getAssistantQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }
}

/** A 400 naming every failing field of an assistant, under `prefix` (`['assistant']` inside a `POST /call` body). */
export function invalidAssistant(issues: readonly RuleIssue[], prefix: string[] = []): ApiError {
  const fields = issues.map((issue) => ({ path: formatFieldPath([...prefix, ...issue.path]), message: issue.message }));
  return new ApiError(400, 'invalid_request', 'the request is invalid', fields);
}

/** Maps an `InvalidAssistantError` to the API's 400; rethrows anything else unchanged. */
export function asApiError(err: unknown): unknown {
  return err instanceof InvalidAssistantError ? invalidAssistant(err.issues) : err;
}

function updateError(err: unknown, id: string): unknown {
  if (err instanceof WorkflowNotFoundError) return notFound(id);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === ASSISTANT_DELETED) return notFound(id);
    if (err.cause.type === INVALID_ASSISTANT) return invalidAssistant((err.cause.details?.[0] ?? []) as RuleIssue[]);
  }
  return err;
}

function notFound(id: string): ApiError {
  return new ApiError(404, 'not_found', `no assistant with id ${id}`);
}

/** A string literal body for a visibility query. */
function quoted(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
