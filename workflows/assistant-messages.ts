import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AssistantPatch, AssistantRecord } from '../domain/assistant-record';

/** Workflow type of the assistant entities. */
export const ASSISTANT_WORKFLOW_TYPE = 'assistantEntity';

/** Workflow id of an assistant: scoped by organization, so another organization's id is simply not found. */
export function assistantWorkflowId(organizationId: string, assistantId: string): string {
  return `assistant:${organizationId}:${assistantId}`;
}

/** Input of {@link ASSISTANT_WORKFLOW_TYPE}: the record, and when to continue as new. */
export interface AssistantEntityInput {
  record: AssistantRecord;
  /** Continue as new after this many updates in one run even when the server does not suggest it yet. */
  maxUpdatesPerRun?: number;
}

export interface UpdateAssistantRequest {
  patch: AssistantPatch;
  /** When the API received the change (epoch ms): the new `updated_at`. */
  atMs: number;
}

/** The assistant as stored (a deleted assistant's record says so). */
export const getAssistantQuery = defineQuery<AssistantRecord>('getAssistant');

/**
 * Partial update, validated synchronously by the workflow against the whole merged configuration. Rejected with
 * an `ApplicationFailure` of type {@link INVALID_ASSISTANT} (details: `[RuleIssue[]]`) or {@link ASSISTANT_DELETED}.
 */
export const updateAssistantUpdate = defineUpdate<AssistantRecord, [UpdateAssistantRequest]>('updateAssistant');

/** Deletes the assistant: the entity workflow ends. Orders placed with it keep their snapshot. */
export const deleteAssistantUpdate = defineUpdate<AssistantRecord>('deleteAssistant');

/** `ApplicationFailure.type` of an update whose merged configuration breaks the contract. */
export const INVALID_ASSISTANT = 'InvalidAssistant';
/** `ApplicationFailure.type` of an update sent to an assistant that is being deleted. */
export const ASSISTANT_DELETED = 'AssistantDeleted';
