import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CALL_ORDER_CONFLICT } from '../../workflows/messages';

/** Asserts that an update was rejected by its validator as a `CallOrderConflict` (the API's 409). */
export async function expectConflict(update: Promise<unknown>): Promise<void> {
  const rejection = await update.then(
    () => null,
    (err: unknown) => err,
  );
  expect(rejection).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (rejection as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe(CALL_ORDER_CONFLICT);
}

/**
 * A webhook receiver that is down (503 to everything): an order that reached its final status stays open while it
 * retries the delivery, so updates still reach its validators.
 */
export async function startDownWebhookReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_request, response) => response.writeHead(503).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
