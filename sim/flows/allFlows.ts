import { registerFlow } from '../engine/flowRegistry.ts';
import { pickingFlow } from './picking/pickingFlow.ts';
import { packingFlow } from './picking/shipping.ts';

/** Registers every flow of the warehouse model, in a fixed order (their start() runs in it). */
export function registerAllFlows(): void {
  registerFlow(pickingFlow);
  registerFlow(packingFlow);
}
