/** Document references an event belongs to. */
export interface DocRefs {
  order?: string;
  line?: number;
  task?: string;
  tour?: string;
  wave?: string;
  receipt?: string;
  count?: string;
  adjustment?: string;
  /** Return authorisation (RMA) a customer return is received and dispositioned against. */
  rma?: string;
  /** Transfer order between two sites of a network run. */
  transfer?: string;
}
