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
}

/** A sales order in flight (finished orders are folded into KPI counters and dropped). */
export interface Order {
  id: number;
  /** Compiled order-machine state. */
  state: number;
  created: number;
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
}

/** Stock picked for an order and held at the pack station. */
export interface PickedStock {
  line: number;
  item: number;
  lot: string;
  qty: number;
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
}

/** A stop on a pick tour. */
export interface TourStop {
  task: number;
  x: number;
  y: number;
  /** Metres walked from the previous stop (or the tour start) to this one. */
  legM: number;
}

/** A picker's current trip. */
export interface Tour {
  id: number;
  orders: number[];
  stops: TourStop[];
  /** Index of the stop being travelled to or picked. */
  cursor: number;
  /** Metres from the last stop back to the depot. */
  backM: number;
  started: number;
}

/** A worker. */
export interface Worker {
  index: number;
  code: string;
  role: string;
  /** Metres per second. */
  speed: number;
  x: number;
  y: number;
  tour: Tour | null;
  /** Time accounting, ms: travelling, at the face, tour overhead. */
  travelMs: number;
  pickMs: number;
  overheadMs: number;
  distanceM: number;
  linesPicked: number;
}
