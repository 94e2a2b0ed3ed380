import { registerFlow } from '../../sim/engine/flowRegistry.ts';
import { registerAllFlows } from '../../sim/flows/allFlows.ts';
import { auditFlow } from './auditFlow.ts';

/**
 * A test-local composition root: the warehouse's flows, then the example flow. Registering it
 * is the only line the example needs outside its own folder.
 */
export function registerWithAudit(): void {
  registerAllFlows();
  registerFlow(auditFlow);
}
