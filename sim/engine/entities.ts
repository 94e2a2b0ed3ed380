import type { Job } from './job.ts';

/** One order line: what the customer asked for and what became of it. */
export interface OrderLine {
  /** Item index. */
  item: number;
  /** Units ordered (base UoM). */
  qty: number;
  /** Units allocated to pick tasks. */
  allocated: number;
  /** Units confirmed picked. */
  picked: number;
  /** Why the latest allocation left it short (absent when fully allocated). */
  short?: ShortCause;
}

/**
 * Why a line shipped short. Allocation found no stock it could take, because the system holds
 * none of the SKU (`no-stock`), holds it only allocated to other orders (`committed`), only in a
 * status that cannot be sold: damaged, inspection, quarantine (`blocked`), available only where
 * nothing is picked from yet, a dock or staging lane (`not-put-away`), or available but held
 * after a short pick until a count settles the bin (`held-after-short-pick`); or allocation
 * took it and the picker found less (`short-pick`). See sim/flows/picking/shortCause.ts.
 */
export type ShortCause =
  'no-stock' | 'committed' | 'blocked' | 'not-put-away' | 'held-after-short-pick' | 'short-pick';

/** A sales order in flight (finished orders are folded into KPI counters and dropped). */
export interface Order {
  id: number;
  /** Compiled order-machine state. */
  state: number;
  created: number;
  /** Carrier route: its cut-off, minutes after midnight (-1 without carriers). */
  route: number;
  /** Promised ship time: the route's cut-off on the promised day. */
  promised: number;
  /** Release time, -1 before release. */
  released: number;
  /** Time the first pick tour for it started, -1 before. */
  pickStart: number;
  lines: OrderLine[];
  /** What was picked, per task, awaiting shipment (lot-exact, so shipping moves the right records). */
  picks: PickedStock[];
  /** Pick task ids of this order. */
  tasks: number[];
  /** Tasks not yet finished. */
  openTasks: number;
  /** True when the order arrived after the warm-up (counts for steady-state statistics). */
  measured: boolean;
  /** Wave number it was released in (0 = immediate release). */
  wave: number;
  /** Time picking finished (all tasks done), -1 before. */
  picked: number;
  /** Pick tours that served it (several under zone picking: consolidated before packing). */
  tours: number;
  /** Carton count and shipped weight once packed. */
  cartons: number;
  weightKg: number;
}

/** A blank order for a pool (orderFlow's createOrder sets every field, in this key order). */
export function blankOrder(): Order {
  return {
    id: 0,
    state: 0,
    created: 0,
    route: -1,
    promised: 0,
    released: -1,
    pickStart: -1,
    lines: [],
    picks: [],
    tasks: [],
    openTasks: 0,
    measured: false,
    wave: 0,
    picked: -1,
    tours: 0,
    cartons: 0,
    weightKg: 0,
  };
}

/** Stock picked for an order and held at the pack station. */
export interface PickedStock {
  line: number;
  item: number;
  lot: string;
  /** What the system booked as picked. */
  qty: number;
  /** What physically reached the pack station (differs after a pick exception). */
  landed: { sku: string; lot: string; qty: number }[];
}

/** One pick: a quantity of one item (and lot) from one bin for one order line. */
export interface PickTask {
  id: number;
  order: number;
  line: number;
  item: number;
  /** Bin index, or -1 when inventory is not tracked (queueing validation). */
  bin: number;
  lot: string;
  qty: number;
  /** Compiled pick-task-machine state. */
  state: number;
  /** Zone of the bin ('' when untracked), for zone picking. */
  zone: string;
}

/** A blank pick task for a pool (orderFlow's addTask sets every field, in this key order). */
export function blankPickTask(): PickTask {
  return { id: 0, order: 0, line: 0, item: 0, bin: -1, lot: '', qty: 0, state: 0, zone: '' };
}

/** Time and work accounting of one worker (ms unless named otherwise). */
export interface WorkerStats {
  travelMs: number;
  /** Work time by what it was booked as ('pick', 'overhead', 'handle', 'count', 'wait' …). */
  workMs: Record<string, number>;
  distanceM: number;
  /** Paid time: on shift, breaks included. */
  paidMs: number;
  /** Time with a job (travel, work and waits inside a job). */
  busyMs: number;
  /** Jobs finished, by kind. */
  jobs: Record<string, number>;
  linesPicked: number;
}

/** A worker. */
export interface Worker {
  index: number;
  code: string;
  role: string;
  /** Index of the scenario worker group it came from. */
  group: number;
  /** Metres per second (walking, or driving for forklift roles): the group's speed × speedFactor. */
  speed: number;
  /** Personal factors drawn at creation (scenario `people`): travel speed and work-time multipliers. */
  speedFactor: number;
  taskFactor: number;
  /** Handheld terminal id (`RF-017`) journal events confirmed on it carry. */
  device: string;
  /** This worker's breaks start this much after (or, negative, before) the shift's scheduled breaks. */
  breakOffsetMs: number;
  /** Pick zone for zone picking; null = anywhere. */
  zone: string | null;
  /** Shift id; null = always on. */
  shift: string | null;
  /** Last point reached (the end of the last completed step). */
  x: number;
  y: number;
  /** Current movement, for live views that interpolate: from (fromX, fromY) at moveStart to the step's point at moveEnd. */
  fromX: number;
  fromY: number;
  moveStart: number;
  moveEnd: number;
  job: Job | null;
  onShift: boolean;
  onBreak: boolean;
  /** A shift end or break that starts when the current job ends (ShiftEdge value), or -1. */
  leavePending: number;
  /** Waiting inside a step (e.g. at an empty pick face) until resumed or timed out. */
  suspended: boolean;
  /**
   * Who decides this worker's outcomes: absent for the simulation, `person` for a trainee on a
   * handheld (sim/flows/handheld): the engine still simulates travel, then waits for their entries.
   */
  driver?: 'person';
  /** When the worker last became free (for longest-idle-first dispatch). */
  idleSince: number;
  /** Start of the current paid period, or -1 when off shift. */
  paidSince: number;
  /** Start of the current job, or -1. */
  busySince: number;
  stats: WorkerStats;
}
