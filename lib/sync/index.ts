export { SyncClose, closeReasonOf, REFUSALS } from './close';
export type { SyncCloseReason } from './close';
