/* The real workflows plus test-only ones, bundled together for the concurrency tests. */
export * from '../../workflows';
export { slotHolder, slotHolderStatusQuery } from './slot-holder';
