import type { ExceptionCause } from './exceptionSchema.ts';

/**
 * The truth-log record types live with the engine that writes them (`sim/engine/truthRecord.ts`);
 * this module registers the injected exception causes into their cause list, so the engine never
 * imports the exception catalogue and a cause added to the schema is a truth cause at once.
 */
declare module '../engine/truthRecord.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds keys only
  interface TruthCauseRegister extends Record<ExceptionCause, true> {}
}

export type {
  PhysicalChange,
  TruthBody,
  TruthCause,
  TruthEvent,
  TruthCauseRegister,
} from '../engine/truthRecord.ts';
