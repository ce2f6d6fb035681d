export { callOrder } from './call-order';
