import { registerFlow } from '../engine/flowRegistry.ts';
import { exceptionFlow } from '../exceptions/exceptionFlow.ts';
import { reconciliationFlow } from '../exceptions/reconciliationFlow.ts';
import { pickingFlow } from './picking/pickingFlow.ts';
import { packingFlow } from './picking/shipping.ts';
import { replenishmentFlow } from './replenishment/replenishmentFlow.ts';
import { countingFlow, decideCountAdjustment } from './counting/countingFlow.ts';
import { inboundFlow } from './inbound/inboundFlow.ts';
import { decidePutawayOverride } from './inbound/putaway.ts';
import { supervisionFlow } from './supervision/supervisionFlow.ts';
import { DecisionKind, registerDecision } from './supervision/supervisorDesk.ts';

/** Registers every flow of the warehouse model, in a fixed order (their start() runs in it). */
export function registerAllFlows(): void {
  registerFlow(pickingFlow);
  registerFlow(packingFlow);
  registerFlow(replenishmentFlow);
  registerFlow(countingFlow);
  registerFlow(inboundFlow);
  registerFlow(exceptionFlow);
  registerFlow(reconciliationFlow);
  registerFlow(supervisionFlow);
  registerDecision(DecisionKind.putawayOverride, decidePutawayOverride);
  registerDecision(DecisionKind.countAdjustment, decideCountAdjustment);
}
