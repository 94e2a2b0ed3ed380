import type { World } from '../../engine/world.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { sampler } from '../../random/distribution.ts';
import { docCode } from '../../journal/docCode.ts';
import { returnEvents as RE } from '../../machines/returnMachine.ts';
import { NO_RMA_DECISIONS, type NoRmaDecision } from './returnsSchema.ts';
import { leaveQuarantine, refs, rmaStep, scheduleIn } from './returnsSite.ts';
import { ReturnsTimer, returnsSettings, returnsState, type Rma } from './returnsState.ts';
import { discrepancyKpi } from './discrepancy.ts';

const HOUR = 3_600_000;

/** Unauthorised goods were received into quarantine: the desk decides after `decisionHours`. */
export function holdUnauthorised(w: World, r: Rma): void {
  const hours = sampler(returnsSettings(w).discrepancies.noRma.decisionHours)(
    w.random.stream('returns-mismatch'),
  );
  scheduleIn(w, hours * HOUR, r.id, ReturnsTimer.noRmaDecision);
}

/** Draws the desk's decision by the scenario's weights (one uniform draw). */
export function drawNoRmaDecision(weights: Record<NoRmaDecision, number>, u: number): NoRmaDecision {
  const total = NO_RMA_DECISIONS.reduce((a, c) => a + weights[c], 0);
  let x = u * total;
  for (const c of NO_RMA_DECISIONS) {
    if (weights[c] > 0 && x < weights[c]) return c;
    x -= weights[c];
  }
  return [...NO_RMA_DECISIONS].reverse().find((c) => weights[c] > 0)!;
}

/**
 * The decision on an unauthorised return held in quarantine: accept (an RMA raised after the
 * fact, `return.authorisedLate`; the return joins the inspection queue like any other), refuse
 * (`return.refused`: shipped back to the customer, out of both ledgers) or scrap
 * (`return.scrapped`, reason `no-rma`, written off at unit cost).
 */
export function decideUnauthorised(w: World, id: number): void {
  const st = returnsState(w);
  const r = st.rmas[id]!;
  const k = discrepancyKpi(st);
  const decision = drawNoRmaDecision(
    returnsSettings(w).discrepancies.noRma,
    w.random.stream('returns-mismatch')(),
  );
  const item = w.site.items[r.item]!;
  const stock = {
    site: w.site.name,
    bin: w.site.layout!.bins[r.bin]!.code,
    sku: item.sku,
    lot: r.lot || undefined,
    qty: r.received,
    uom: item.baseUom,
    baseQty: r.received,
    statusFrom: 'quarantine' as const,
  };
  if (decision === 'accept') {
    k.accepted++;
    r.authorisedLate = true;
    const note = w.journalOn
      ? {
          type: 'return.authorisedLate' as const,
          site: w.site.name,
          qty: r.received,
          reason: 'no-rma',
          docs: refs(r),
        }
      : null;
    rmaStep(w, r, RE.authorised, note);
    st.toInspect.push(r.id);
    dispatch(w);
    return;
  }
  if (decision === 'refuse') {
    k.refused++;
    k.refusedUnits += r.received;
    rmaStep(w, r, RE.refused, { ...stock, type: 'return.refused', reason: 'no-rma', docs: refs(r) });
  } else {
    k.scrapped++;
    k.scrappedValue += r.received * item.unitCost;
    const adjustment = docCode('adjustment', w.nextDoc('adjustment'));
    rmaStep(w, r, RE.scrapDecided, {
      ...stock,
      type: 'return.scrapped',
      reason: 'no-rma',
      docs: { ...refs(r), adjustment },
    });
  }
  leaveQuarantine(w, r);
  delete st.rmas[r.id];
}

/** Unauthorised returns still held in quarantine waiting for the decision. */
export function awaitingDecision(w: World): number {
  let n = 0;
  for (const r of Object.values(returnsState(w).rmas))
    if (r.discrepancy === 'noRma' && r.received >= 0 && r.code === '' && !r.authorisedLate) n++;
  return n;
}
