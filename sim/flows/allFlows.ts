import { announceAvailable, announcePosted, registerFlow, triggerCount } from '../engine/flowRegistry.ts';
import { setWorldHooks } from '../engine/world.ts';
import { consumeArmed } from '../exceptions/exceptionRate.ts';
import { tallyEvent } from '../kpi/scanCompliance.ts';
import { kpiStore } from '../kpi/worldKpi.ts';
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
import { mirrorFlow } from '../mirror/mirrorState.ts';
import { returnsFlow } from './returns/returnsFlow.ts';
import { crossDockFlow } from './crossdock/crossdockFlow.ts';
import { stockStatusFlow } from './stockStatus/stockStatusFlow.ts';
import { handheldFlow } from './handheld/handheldFlow.ts';
import { transfersFlow } from './transfers/transfersFlow.ts';
import { customerClassFlow } from './allocation/classOutcomes.ts';
import { scheduledInjectionFlow } from '../exceptions/scheduledInjection.ts';

/**
 * The composition root of the warehouse model: registers every flow module, in a fixed order
 * (their start() runs in it, and it numbers their event kinds and step actions, which snapshots
 * record), and plugs the KPI, exception and flow callbacks into the world. Adding a flow is its
 * own folder (a defineFlow handle and its handlers) and one registerFlow line here.
 */
export function registerAllFlows(): void {
  setWorldHooks({
    tally: (w, body) =>
      tallyEvent(w.kpi.scan, body, w.scenario.people.keyedShare, () => w.random.stream('people/keyed')),
    exceptionHappened: consumeArmed,
    stockAvailable: announceAvailable,
    countTrigger: triggerCount,
    posted: announcePosted,
    kpi: kpiStore,
  });
  registerFlow(pickingFlow);
  registerFlow(packingFlow);
  registerFlow(replenishmentFlow);
  registerFlow(countingFlow);
  registerFlow(inboundFlow);
  registerFlow(exceptionFlow);
  registerFlow(reconciliationFlow);
  registerFlow(supervisionFlow);
  registerFlow(mirrorFlow);
  registerFlow(returnsFlow);
  registerFlow(crossDockFlow);
  registerFlow(stockStatusFlow);
  registerFlow(handheldFlow);
  registerFlow(transfersFlow);
  registerFlow(customerClassFlow);
  registerFlow(scheduledInjectionFlow);
  registerDecision(DecisionKind.putawayOverride, decidePutawayOverride);
  registerDecision(DecisionKind.countAdjustment, decideCountAdjustment);
}
