import { defineFlow } from '../../sim/engine/defineFlow.ts';

/** One open bin audit (the example flow's document). */
export interface AuditDoc {
  /** Bin index. */
  bin: number;
  /** When it was raised. */
  at: number;
  /** Worker index of the auditor walking to it, -1 while queued. */
  auditor: number;
}

/** The example flow's state slice: plain JSON, so snapshots carry it. */
export interface AuditState {
  nextId: number;
  /** Open audits by id. */
  open: Record<string, AuditDoc>;
  /** Ids of open audits nobody has taken yet, oldest first. */
  queue: number[];
  raised: number;
  done: number;
  /** Raised → audited, summed over done audits (ms). */
  waitMs: number;
}

/**
 * An example flow module used only by test/exampleFlow.test.ts, to prove that a flow is its own
 * folder plus one line in a composition root: every so often a bin is due for a visual audit;
 * an auditor (a role of its own) walks there and signs it off.
 */
export const audit = defineFlow({
  name: 'audit',
  state: (): AuditState => ({ nextId: 0, open: {}, queue: [], raised: 0, done: 0, waitMs: 0 }),
  events: ['auditDue'],
  actions: ['auditAtBin'],
  roles: ['auditor'],
});
