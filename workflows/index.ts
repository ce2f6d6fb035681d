export { callOrder } from './call-order';
export { assistantEntity } from './assistant';
