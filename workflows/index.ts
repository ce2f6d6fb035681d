export { callOrder } from './call-order';
export { assistantEntity } from './assistant';
export { concurrencyGate } from './concurrency-gate';
