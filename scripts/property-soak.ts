/**
 * Runs the scheduling properties of `test/unit/schedule-properties.test.ts` with a chosen number of cases.
 *   npx tsx scripts/property-soak.ts 1000000 [seed]
 * Prints progress every chunk, the seed (to replay a failure) and the rate; exits 1 on the first counterexample.
 */
import fc from 'fast-check';
import { scheduleProperty } from '../test/properties/schedule-properties';

const total = Number(process.argv[2] ?? '100000');
const seed = process.argv[3] === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.argv[3]);
const chunk = Math.min(total, 50_000);

if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npx tsx scripts/property-soak.ts <count> [seed]');
  process.exit(2);
}

const startedAt = performance.now();
let done = 0;
for (let index = 0; done < total; index++) {
  const runs = Math.min(chunk, total - done);
  const details = fc.check(scheduleProperty, { numRuns: runs, seed: seed + index, maxSkipsPerRun: 1000 });
  if (details.failed) {
    console.error(fc.defaultReportMessage(details) ?? 'property failed');
    process.exit(1);
  }
  done += runs;
  const seconds = (performance.now() - startedAt) / 1000;
  console.log(
    `${done} / ${total} cases, ${seconds.toFixed(1)} s, ${Math.round(done / seconds)} cases/s ` +
      `(seed ${seed}, chunk ${index})`,
  );
}
console.log(`OK: ${done} cases in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
