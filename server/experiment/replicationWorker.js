// Piscina worker entry. Worker threads do not inherit the main thread's TypeScript loader, so
// this plain-JS file registers tsx in the thread, then loads the real task module.
import { register } from 'tsx/esm/api';

register();
const { runReplication } = await import('./replicationTask.ts');

/** Runs one replication task (see replicationTask.ts). */
export default runReplication;
