import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { taskStepMeta } from '../../machines/taskStepMeta.ts';
import { putawayTaskMachine } from '../../machines/putawayTaskMachine.ts';
import { inboundMachines } from '../inbound/inboundSite.ts';
import { inboundState, putawayCode } from '../inbound/inboundState.ts';
import { replenishmentState } from '../replenishment/replenishmentState.ts';
import { countingState } from '../counting/countingState.ts';
import { totalsAt, splitKey } from '../counting/binStock.ts';
import { handheld, type HandheldWait } from './handheldState.ts';
import type { HandheldScreen, OverrideStatus } from './handheldScreenModel.ts';
import type { KitLabel } from './kitLabels.ts';
import { binLabelData, itemLabel } from './kitLabels.ts';

/**
 * The override of the worker's current putaway task, read off the task's chart: still in
 * `overridePending` (waiting), moved on to `overriding` (approved) or back `atBin` (refused).
 */
export function overrideOf(w: World, worker: Worker): OverrideStatus | undefined {
  const o = handheld.peek(w)?.overrides?.[worker.code] ?? simulatedOverride(w, worker);
  const t = o ? inboundState(w).tasks[o.task] : undefined;
  if (!o || !t || worker.job?.ref !== t.id) return undefined;
  const state = String(inboundMachines().putaway.values[t.state]);
  const status =
    state === 'overridePending'
      ? 'waiting'
      : state === 'overriding'
        ? 'approved'
        : state === 'atBin'
          ? 'refused'
          : null;
  return status ? { status, bin: o.bin, reason: o.reason } : undefined;
}

/**
 * The override a simulated driver asked for before a person took the worker over (no handheld
 * record of it): read off the task while the request waits or is approved, so the handheld
 * shows the wait instead of "working".
 */
function simulatedOverride(
  w: World,
  worker: Worker,
): { task: number; bin: string; reason: string } | undefined {
  if (worker.job?.kind !== 'putaway') return undefined;
  const t = inboundState(w).tasks[worker.job.ref];
  if (!t || t.overrideBin < 0) return undefined;
  const state = String(inboundMachines().putaway.values[t.state]);
  if (state !== 'overridePending' && state !== 'overriding') return undefined;
  return { task: t.id, bin: binCode(w, t.overrideBin), reason: t.reason };
}

/**
 * A person takes over a driver whose override request is open (waiting or approved): the request
 * becomes theirs on the handheld, recorded as a handheld request is, so the decision shows on the
 * screen — "refused" included, which the task alone no longer tells once it is back at the bin.
 */
export function adoptSimulatedOverride(w: World, worker: Worker): void {
  const o = simulatedOverride(w, worker);
  if (o) (handheld.state(w).overrides ??= {})[worker.code] = o;
}

/** The screen of a person whose putaway override waits for a supervisor (no entry to make). */
export function overridePendingScreen(w: World, worker: Worker): Partial<HandheldScreen> | null {
  const o = overrideOf(w, worker);
  if (o?.status !== 'waiting') return null;
  const t = inboundState(w).tasks[worker.job!.ref]!;
  const table = inboundMachines().putaway;
  return {
    machine: 'putawayTask',
    taskId: putawayCode(t.id),
    state: 'putawayTask.overridePending',
    prompt: taskStepMeta(putawayTaskMachine, table.states[t.state]!).prompt,
    override: o,
  };
}

const binCode = (w: World, bin: number): string => w.site.layout!.bins[bin]!.code;

/** What a putaway, replenishment or count asks for (a count never shows the system quantity). */
export function stockTaskInfo(w: World, wait: HandheldWait): HandheldScreen['task'] {
  if (wait.kind === 'putaway') {
    const t = inboundState(w).tasks[wait.ref]!;
    const item = w.site.items[t.item]!;
    const atStaging = t.bin >= 0 && String(inboundMachines().putaway.values[t.state]) === 'directed';
    return {
      bin: binCode(w, atStaging ? t.from : t.overrideBin >= 0 ? t.overrideBin : t.bin),
      sku: item.sku,
      description: item.description,
      ...(t.lot ? { lot: t.lot } : {}),
      qty: t.qty,
      uom: item.baseUom,
      note: atStaging ? `from staging ${binCode(w, t.from)} to ${binCode(w, t.bin)}` : `unit of ${t.qty}`,
    };
  }
  if (wait.kind === 'replenish') {
    const t = replenishmentState(w).open[wait.ref]!;
    const item = w.site.items[t.item]!;
    return {
      bin: binCode(w, t.qty > 0 ? t.face : t.source),
      sku: item.sku,
      description: item.description,
      ...(t.lot ? { lot: t.lot } : {}),
      ...(t.qty > 0 ? { qty: t.qty } : {}),
      uom: item.baseUom,
      note: `from reserve ${binCode(w, t.source)} to the pick face ${binCode(w, t.face)}`,
    };
  }
  const doc = countingState(w).open[wait.ref]!;
  const n = Object.keys(wait.counts ?? {}).length;
  return {
    bin: binCode(w, doc.bin),
    note: `Blind count: scan each item and enter what you count, then complete the count (${n} counted)`,
  };
}

/** The floor kit at a putaway, replenishment or count step: nearby bin labels, the items physically there. */
export function stockTaskKit(w: World, wait: HandheldWait): KitLabel[] {
  const layout = w.site.layout!;
  const near = (bin: number): KitLabel[] =>
    [bin, bin - 1, bin + 1]
      .filter((b) => b >= 0 && b < layout.bins.length)
      .map((b) => ({
        kind: 'bin' as const,
        title: layout.bins[b]!.code,
        data: binLabelData(layout.bins[b]!.code),
      }));
  const itemsIn = (bin: number, sku?: string): KitLabel[] => {
    const out: KitLabel[] = [];
    for (const [k, qty] of totalsAt(w.physical, layout.bins[bin]!.code)) {
      const { sku: s, lot } = splitKey(k);
      const item = w.site.items.find((i) => i.sku === s);
      if (qty > 0 && item && (sku === undefined || s === sku))
        out.push(itemLabel(s, item.uoms[0]!.gtin, lot));
    }
    return out;
  };
  if (wait.kind === 'putaway') {
    const t = inboundState(w).tasks[wait.ref]!;
    const item = w.site.items[t.item]!;
    const state = String(inboundMachines().putaway.values[t.state]);
    if (state === 'directed') return [...near(t.from), itemLabel(item.sku, item.uoms[0]!.gtin, t.lot)];
    return near(state === 'overriding' ? t.overrideBin : t.bin);
  }
  if (wait.kind === 'replenish') {
    const t = replenishmentState(w).open[wait.ref]!;
    if (t.qty > 0) return near(t.face);
    return [...near(t.source), ...itemsIn(t.source, w.site.items[t.item]!.sku)];
  }
  const doc = countingState(w).open[wait.ref]!;
  return [...near(doc.bin), ...itemsIn(doc.bin)];
}
