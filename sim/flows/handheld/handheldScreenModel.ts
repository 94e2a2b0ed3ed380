// The handheld screen's shape, apart from the code that builds it, so the screen builders
// (handheldScreen.ts, stockTaskScreens.ts) share it without importing each other.
import type { KitLabel } from './kitLabels.ts';

/** A putaway override a person asked for, and where the supervisor's decision stands. */
export interface OverrideStatus {
  status: 'waiting' | 'approved' | 'refused';
  bin: string;
  reason: string;
}

/** What the handheld shows: the chart state's meta for the worker's task, or what they are doing. */
export interface HandheldScreen {
  worker: string;
  role: string;
  /** Whether a person drives this worker. */
  driven: boolean;
  simMs: number;
  /** Task machine id, document code and chart state (`pickTask.atBin`) while at a task step. */
  machine: string | null;
  taskId: string | null;
  state: string | null;
  prompt: string;
  /** The entry expected now (`none` while walking or working). */
  input: 'binLabel' | 'gs1Item' | 'lot' | 'quantity' | 'confirm' | 'none';
  /** Exits offered here (the meta's exits the handheld driver takes). */
  exits: string[];
  /** The scan an offered exit takes with it (the meta's `exitInputs`): `overrideRequest` → `binLabel`. */
  exitInputs?: Record<string, 'binLabel' | 'gs1Item' | 'lot' | 'quantity'>;
  /** What the task asks for. */
  task: {
    bin?: string;
    sku?: string;
    description?: string;
    lot?: string;
    qty?: number;
    uom?: string;
    note?: string;
  } | null;
  /** Walking or working, until sim time `untilMs`. */
  busy: { doing: string; untilMs: number } | null;
  kit: KitLabel[];
  /** A `confirm` entry also taken here, and what it does (a count: complete it). */
  finish?: string;
  /** The reason codes an `overrideRequest` exit takes (one is required). */
  reasons?: readonly string[];
  /** The putaway override this person asked for, and the supervisor's decision so far. */
  override?: OverrideStatus;
}
