// `npm start`: build if needed, then run the server in this very process (one PID for
// HTTP and the sync socket, so signals and `kill` reach the server itself).
import { register } from 'tsx/esm/api';
import { ensureBuilt } from './build.mjs';

ensureBuilt();
register();
await import('../server/main.ts');
