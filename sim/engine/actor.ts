import type { Actor } from '../journal/journalEvent.ts';
import type { Worker } from './entities.ts';

/**
 * How a step was confirmed on the handheld: `scan` (the label was scanned: the normal case),
 * `keyed` (typed in: a label that would not read, a quantity entered by hand, a decision at a
 * terminal), `override` (a supervised exception to what the system directed).
 */
export type ConfirmMethod = 'scan' | 'keyed' | 'override';

/**
 * The journal's actor for a step a worker confirms on their handheld: it always carries the
 * device, so the journal can be audited per terminal, and a step not confirmed by a scan says
 * how it was (`method`), so scanned, keyed and overridden steps can be told apart. (A scanned
 * movement may still turn out keyed: the world decides that as it commits, see scanCompliance.ts.)
 */
export function actorOf(worker: Worker, method: ConfirmMethod = 'scan'): Actor {
  const a: Actor = { worker: worker.code, role: worker.role, device: worker.device };
  if (method !== 'scan') a.method = method;
  return a;
}
