import { z } from 'zod';
import { INVENTORY_STATUSES } from '../journal/journalEvent.ts';

// The shape a restore relies on. Deep where a wrong type would break the engine later and far
// from the cause (ids, state numbers, queue tuples, ledger records, worker fields); shallow where
// the contents are flow-owned (`flow`) or only summed (`kpi`), so a week-long bench-dc
// checkpoint validates in tens of milliseconds. Objects are loose: extra fields pass.
const int = z.number().int();
const nat = int.nonnegative();
const num = z.number().finite();

const orderLine = z.looseObject({ item: nat, qty: num, allocated: num, picked: num });
const order = z.looseObject({
  id: nat,
  state: nat,
  created: num,
  released: num,
  lines: z.array(orderLine),
  picks: z.array(z.looseObject({ line: nat, item: nat, lot: z.string(), qty: num })),
  tasks: z.array(nat),
  openTasks: int,
  measured: z.boolean(),
});
const pickTask = z.looseObject({
  id: nat,
  order: nat,
  line: nat,
  item: nat,
  bin: int,
  lot: z.string(),
  qty: num,
  state: nat,
  zone: z.string(),
});
const step = z.looseObject({ action: int, arg: num, x: num, y: num, legM: num });
const job = z.looseObject({
  id: nat,
  kind: z.string(),
  steps: z.array(step),
  cursor: nat,
  started: num,
  resources: z.array(z.string()),
  ref: num,
  orders: z.array(nat),
});
const worker = z.looseObject({
  index: nat,
  code: z.string(),
  role: z.string(),
  group: nat,
  speed: num,
  speedFactor: num,
  taskFactor: num,
  device: z.string(),
  breakOffsetMs: num,
  zone: z.string().nullable(),
  shift: z.string().nullable(),
  x: num,
  y: num,
  job: job.nullable(),
  onShift: z.boolean(),
  onBreak: z.boolean(),
  leavePending: int,
  suspended: z.boolean(),
  stats: z.looseObject({ workMs: z.record(z.string(), num), jobs: z.record(z.string(), num) }),
});
const stockRecord = z.looseObject({
  bin: z.string(),
  sku: z.string(),
  lot: z.string(),
  status: z.enum(INVENTORY_STATUSES),
  qty: num,
});

/** The saved engine snapshot, as checked before a restore (see readSnapshot). */
export const engineSnapshotSchema = z.looseObject({
  schemaVersion: nat,
  scenario: z.string(),
  seed: z.string(),
  now: num.nonnegative(),
  eventsProcessed: nat,
  counters: z.looseObject({
    order: nat,
    task: nat,
    job: nat,
    journal: nat,
    truth: nat,
    docs: z.record(z.string(), nat),
  }),
  queue: z.looseObject({ nextSeq: nat, events: z.array(z.tuple([num, int, nat, int, num, num])) }),
  random: z.record(z.string(), z.looseObject({ i: int, w: num, X: z.array(num) })),
  streamSeed: z.string().min(1).optional(),
  orders: z.array(order),
  tasks: z.array(pickTask),
  released: z.array(nat),
  workers: z.array(worker),
  idle: z.array(nat),
  resources: z.record(z.string(), z.looseObject({ capacity: nat, inUse: nat, busyIntegral: num, last: num })),
  flow: z.record(z.string(), z.unknown()),
  system: z.array(stockRecord),
  physical: z.array(stockRecord),
  kpi: z.looseObject({ scan: z.looseObject({}) }),
  truth: z.array(z.looseObject({ id: z.string(), seq: nat, t: num, cause: z.string() })),
  truthTally: z
    .looseObject({ events: nat, dropped: nat, trace: z.looseObject({ detectionHours: z.array(num) }) })
    .optional(),
  machines: z.record(z.string(), z.string()),
  flowIds: z.record(z.string(), z.number().int().nonnegative()),
});

/** A zod issue path as it reads in a message: `orders[3].lines[0].qty`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(top level)' : out;
}
