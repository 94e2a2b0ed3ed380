import { REJECTED, step as stepMachine } from '../machines/compileMachine.ts';
import { catchUp, type ScanPlan, type ScanPosition } from './scanPlan.ts';
import { stepTable, type Milestone, type ScanStep } from './scanSteps.ts';
import type { ScanSession } from './scanTypes.ts';

// Where a device's session stands in its step's plan, and moving it on: apart from the scan
// handling (scanSession.ts) so each file stays one concept.

/** The position a session stands at: the first of its plan whose scan is not taken yet. */
export function positionOf(plan: ScanPlan, s: ScanSession): ScanPosition | undefined {
  return plan.positions.find((p) =>
    p.milestone === 'from'
      ? s.from === undefined
      : p.milestone === 'item'
        ? s.sku === undefined
        : p.milestone === 'qty'
          ? s.qty === undefined
          : true,
  );
}

/**
 * May an item be scanned now? At the item, or again at the quantity when the chart takes both
 * in one step (nothing was sent between them); never once the chart has moved past the item.
 */
export function itemFits(plan: ScanPlan, s: ScanSession): boolean {
  const here = positionOf(plan, s);
  if (here?.milestone === 'item') return true;
  const item = plan.positions.find((p) => p.milestone === 'item');
  return here?.milestone === 'qty' && item !== undefined && item.state === here.state;
}

/** Sends the chart steps a taken scan leads to; an error string when the chart refuses one. */
export function sendAt(step: ScanStep, s: ScanSession, plan: ScanPlan, ms: Milestone): string | null {
  const p = plan.positions.find((x) => x.milestone === ms);
  if (!p) return `the ${plan.machineId} chart takes no ${ms} scan`;
  const table = stepTable(step);
  let st = catchUp(step, s.state, p.state);
  if (st !== p.state) return `${p.where} expected, the task is in ${table.states[st]}`;
  for (const x of p.after) {
    const n = stepMachine(table, st, x.event, x.mask);
    if (n === REJECTED) return `${table.events[x.event]} is not accepted in state ${table.states[st]}`;
    st = n;
  }
  s.state = st;
  return null;
}
