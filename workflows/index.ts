export { callOrder } from './call-order';
export { concurrencyGate } from './concurrency-gate';
