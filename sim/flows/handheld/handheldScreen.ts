import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { stepEntries, taskStepMeta, type TaskStepMeta } from '../../machines/taskStepMeta.ts';
import { pickTaskMachine } from '../../machines/pickTaskMachine.ts';
import { binLabelData, itemLabel, type KitLabel } from './kitLabels.ts';
import { overrideOf, overridePendingScreen, stockTaskInfo, stockTaskKit } from './stockTaskScreens.ts';
import type { HandheldScreen } from './handheldScreenModel.ts';
import { OVERRIDE_REASONS } from './putawayByPerson.ts';
import { inboundState } from '../inbound/inboundState.ts';
import { taskCode } from '../picking/orderFlow.ts';
import { picking } from '../picking/pickingState.ts';
import { handheld, type HandheldWait } from './handheldState.ts';
import { waitStep } from './waitStep.ts';

export { waitStep } from './waitStep.ts';
export { binLabelData, itemLabel, itemLabelData, type KitLabel } from './kitLabels.ts';
export type { HandheldScreen, OverrideStatus } from './handheldScreenModel.ts';

/** Exits each driver implements (a meta exit not listed is not offered on the handheld). */
export const DRIVER_EXITS: Record<HandheldWait['kind'], readonly string[]> = {
  pick: ['short'],
  receive: [],
  putaway: ['overrideRequest'],
  replenish: ['short'],
  count: [],
};

/** The entry a wait expects now: the lot after a lot-less item scan, else the meta's next entry. */
export function expectedInput(wait: HandheldWait, meta: TaskStepMeta): HandheldScreen['input'] {
  if (wait.needLot) return 'lot';
  return stepEntries(meta)[wait.taken] ?? meta.input;
}

/** The handheld screen of a worker (null for an unknown code). Pure: changes nothing. */
export function handheldScreen(w: World, code: string): HandheldScreen | null {
  const worker = w.workers.find((x) => x.code === code);
  if (!worker) return null;
  const base = {
    worker: code,
    role: worker.role,
    driven: worker.driver === 'person',
    simMs: w.now,
  };
  const wait = handheld.peek(w)?.waits[code];
  if (wait) {
    const s = waitStep(w, wait);
    return {
      ...base,
      machine: s.machine,
      taskId: s.doc,
      state: `${s.machine}.${s.state}`,
      prompt: wait.needLot ? 'Scan or type the lot' : s.meta.prompt,
      input: expectedInput(wait, s.meta),
      exits: s.meta.exits.filter((e) => DRIVER_EXITS[wait.kind].includes(e)),
      task: taskInfo(w, wait),
      busy: null,
      kit: kitFor(w, wait),
      ...extras(w, worker, wait, s.meta),
    };
  }
  const pending = overridePendingScreen(w, worker);
  if (pending) return { ...base, ...busyScreen(w, worker), ...pending, busy: null };
  const o = overrideOf(w, worker);
  return { ...base, ...busyScreen(w, worker), ...(o ? { override: o } : {}) };
}

/** The screen's optional parts at a wait: a count's completion, override reasons, the override's decision. */
function extras(
  w: World,
  worker: Worker,
  wait: HandheldWait,
  meta: TaskStepMeta,
): Pick<HandheldScreen, 'finish' | 'reasons' | 'override' | 'exitInputs'> {
  const o = overrideOf(w, worker);
  const offered = Object.entries(meta.exitInputs ?? {}).filter(([x]) => DRIVER_EXITS[wait.kind].includes(x));
  return {
    ...(offered.length > 0 ? { exitInputs: Object.fromEntries(offered) } : {}),
    ...(wait.kind === 'count' && meta.input === 'gs1Item' && wait.taken === 0 && !wait.needLot
      ? { finish: 'Count complete' }
      : {}),
    ...(wait.kind === 'putaway' && meta.exits.includes('overrideRequest')
      ? { reasons: OVERRIDE_REASONS }
      : {}),
    ...(o ? { override: o } : {}),
  };
}

function busyScreen(
  w: World,
  worker: Worker,
): Pick<
  HandheldScreen,
  'machine' | 'taskId' | 'state' | 'prompt' | 'input' | 'exits' | 'task' | 'busy' | 'kit'
> {
  const none = {
    machine: null,
    taskId: null,
    state: null,
    input: 'none' as const,
    exits: [],
    task: null,
    kit: [],
  };
  const job = worker.job;
  if (!job) return { ...none, prompt: worker.onShift ? 'Wait for a task' : 'Off shift', busy: null };
  const step = job.steps[job.cursor]!;
  // Stable while it lasts (a screen is re-sent only when it changes): the walk's end, or the
  // planned end of the work after it.
  const until = worker.moveEnd > w.now ? worker.moveEnd : worker.moveEnd + step.workMs;
  if (job.kind === 'pick' && step.action === picking.act.pickArrive) {
    const t = w.tasks.get(step.arg);
    if (t) {
      const table = w.machines.pickTask;
      const meta = taskStepMeta(pickTaskMachine, table.states[t.state]!);
      const bin = w.site.layout!.bins[t.bin]!.code;
      return {
        ...none,
        machine: 'pickTask',
        taskId: taskCode(t.id),
        state: `pickTask.${String(table.values[t.state])}`,
        prompt: `${meta.prompt}: ${bin}`,
        busy: { doing: `walking to ${bin}`, untilMs: until },
      };
    }
  }
  const doing = worker.moveEnd > w.now ? 'walking' : `working (${job.kind})`;
  return {
    ...none,
    prompt: `${job.kind === 'receive' ? 'Unloading and receiving' : 'Working'}…`,
    busy: { doing, untilMs: until },
  };
}

function taskInfo(w: World, wait: HandheldWait): HandheldScreen['task'] {
  if (wait.kind !== 'pick' && wait.kind !== 'receive') return stockTaskInfo(w, wait);
  if (wait.kind === 'pick') {
    const t = w.tasks.get(wait.ref)!;
    const item = w.site.items[t.item]!;
    return {
      bin: w.site.layout!.bins[t.bin]!.code,
      sku: item.sku,
      description: item.description,
      ...(t.lot ? { lot: t.lot } : {}),
      qty: t.qty,
      uom: item.baseUom,
    };
  }
  const r = inboundState(w).receipts[wait.ref]!;
  const line = r.lines[wait.line]!;
  const item = w.site.items[line.item]!;
  return {
    bin: w.site.layout!.bins[r.bin]!.code,
    sku: item.sku,
    description: item.description,
    ...(line.lot ? { lot: line.lot } : {}),
    qty: line.expectedQty,
    uom: item.baseUom,
    note: `line ${wait.line + 1} of ${r.lines.length}; on the pallet: ${wait.arrived} ${item.baseUom} (count them)`,
  };
}

/**
 * The on-screen floor kit at the step: the labels a person there could scan. At a pick face:
 * the face's label and its neighbours' (a wrong bin is a tap away), and an item label for
 * every lot physically in the face (the floor as it is, not as the system books it). At a
 * receipt line: the pallet's item label.
 */
function kitFor(w: World, wait: HandheldWait): KitLabel[] {
  if (wait.kind !== 'pick' && wait.kind !== 'receive') return stockTaskKit(w, wait);
  const layout = w.site.layout!;
  if (wait.kind === 'pick') {
    const t = w.tasks.get(wait.ref)!;
    const face = layout.bins[t.bin]!;
    const near = [t.bin - 1, t.bin, t.bin + 1].filter((b) => b >= 0 && b < layout.bins.length);
    const labels: KitLabel[] = near.map((b) => ({
      kind: 'bin',
      title: layout.bins[b]!.code,
      data: binLabelData(layout.bins[b]!.code),
    }));
    const item = w.site.items[t.item]!;
    const gtin = item.uoms[0]!.gtin;
    for (const r of w.physical.recordsIn(face.code)) {
      if (r.sku !== item.sku || r.qty <= 0) continue;
      labels.push(itemLabel(r.sku, gtin, r.lot));
    }
    return labels;
  }
  const r = inboundState(w).receipts[wait.ref]!;
  const line = r.lines[wait.line]!;
  const item = w.site.items[line.shipItem]!;
  return [itemLabel(item.sku, item.uoms[0]!.gtin, line.lot)];
}
