import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Call } from '../domain/contract/call';
import type { NormalizedOrder } from '../domain/order';
import { getCallQuery } from '../workflows/messages';
import { ApiError } from './errors';
import * as sa from '../workflows/search-attributes';

/** Call orders as Temporal workflows: start, read. */
export class CallOrders {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts the order's workflow; returns once Temporal has accepted it. */
  async place(order: NormalizedOrder): Promise<void> {
    await this.client.workflow.start('callOrder', {
      workflowId: order.id,
      taskQueue: this.taskQueue,
      args: [order],
      typedSearchAttributes: [
        { key: sa.CallStatus, value: 'initializing' },
        { key: sa.CallPhoneNumber, value: order.phoneNumber },
        { key: sa.CallOrganizationId, value: order.organizationId },
        { key: sa.CallAssistantId, value: order.assistant.id },
        { key: sa.CallAttemptCount, value: 0 },
      ],
      staticSummary: `Call ${order.phoneNumber} (${order.assistant.name})`,
    });
  }

  /** The order as its workflow holds it, or the closed run's result; 404 for another organization's id. */
  async get(id: string, organizationId: string): Promise<Call> {
    const handle = this.client.workflow.getHandle(id);
    try {
      const description = await handle.describe();
      if (description.typedSearchAttributes.get(sa.CallOrganizationId) !== organizationId) throw notFound(id);
      if (description.status.name === 'COMPLETED') return (await handle.result()) as Call;
      return await handle.query(getCallQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound(id);
      throw err;
    }
  }
}

function notFound(id: string): ApiError {
  return new ApiError(404, 'not_found', `no call order with id ${id}`);
}
