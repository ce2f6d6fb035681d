import fs from 'node:fs';
import path from 'node:path';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { historyFromJson } from '../helpers/history-json';
import { bundleWorkflows } from '../helpers/temporal';

/*
 * ARCHITECTURE: a change to the workflow code that would alter the command sequence of a running order goes through
 * `patched()`. These histories were recorded from real runs (scripts/record-histories.ts) and must replay against
 * the current code; a DeterminismViolationError here means a running order would break on the next deploy.
 */

const historiesDir = path.resolve(__dirname, '../histories');
const stories = [
  'sleeping-until-scheduled',
  'waiting-for-retry',
  'cancelled-in-conversation',
  'cancelled-before-dialing',
  // Recorded with the code before patched('no-attempt-once-cancelled'): the unpatched path must still replay.
  'cancelled-before-dialing-pre-patch',
];

describe('replaying recorded call order histories against the current workflow code', () => {
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
  }, 120_000);

  it('has every recorded story committed', () => {
    const recorded = fs.readdirSync(historiesDir).filter((file) => file.endsWith('.json'));
    expect(recorded.sort()).toEqual(stories.map((story) => `${story}.json`).sort());
  });

  it.each(stories)(
    'given the history of an order %s, when replayed, then the workflow makes the same commands',
    async (story) => {
      const history = historyFromJson(fs.readFileSync(path.join(historiesDir, `${story}.json`), 'utf8'));
      expect(history.events?.length).toBeGreaterThan(5);

      await expect(
        Worker.runReplayHistory({ workflowBundle: bundle }, history, `replay-${story}`),
      ).resolves.toBeUndefined();
    },
  );
});
