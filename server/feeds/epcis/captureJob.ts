/** An RFC 7807 problem, as capture jobs list their errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

/** A capture job as `GET /epcis/capture/{captureID}` returns it (EPCIS 2.0 REST bindings). */
export interface CaptureJob {
  captureID: string;
  createdAt: string;
  finishedAt?: string;
  running: boolean;
  success: boolean;
  captureErrorBehaviour: 'rollback' | 'proceed';
  errors: Problem[];
  /** Events applied, flagged as exceptions, and skipped as already captured. */
  captured: number;
  flagged: number;
  duplicates: number;
  /** Events whose eventTime is outside the server's window (captured, flagged here). */
  timeWarnings?: number;
  /** Set when a restart interrupted the job and it was run again from its saved document. */
  resumed?: boolean;
}
